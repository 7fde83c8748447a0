//! The desk's paste box (复制成绩码's other end): one or many text codes at once, with any
//! chat text around them; each trainee is added as from a file (`Cohort::add_code`), a
//! damaged or cut-off code is named with the reason, duplicates are counted. What was pasted
//! stays in the box until every code in it was read.

use super::desk::DeskState;
use crate::app::state::{AppState, CourseLoad};
use crate::engine::trainer::cohort::FileReport;
use leptos::prelude::*;

#[component]
pub fn PasteCodes() -> impl IntoView {
    let app = expect_context::<AppState>();
    let desk = expect_context::<DeskState>();
    let text = RwSignal::new(String::new());
    let report = RwSignal::new(None::<Result<FileReport, String>>);
    // A code names its questions by their place in the site's banks: it is read once they
    // have loaded (a click before that waits for them).
    let waiting = RwSignal::new(false);
    let read = move || {
        let pasted = text.get_untracked();
        let lib = app.course.with_untracked(|c| match c {
            CourseLoad::Loaded(l) => Some(l.clone()),
            _ => None,
        });
        let r = desk.update(|c| c.add_code(&pasted, lib.as_deref()));
        if r.problems.is_empty() {
            text.set(String::new());
        }
        report.set(Some(Ok(r)));
    };
    let add = move |_| {
        if text.get_untracked().trim().is_empty() {
            return report.set(Some(Err("请先把学员发来的成绩码粘贴到框里".into())));
        }
        if matches!(app.course.get_untracked(), CourseLoad::Loading) {
            waiting.set(true);
            return report.set(Some(Err("题库还在加载，加载完成后会自动添加……".into())));
        }
        read();
    };
    Effect::new(move |_| {
        let loaded = !matches!(app.course.get(), CourseLoad::Loading);
        if loaded && waiting.get_untracked() {
            waiting.set(false);
            read();
        }
    });
    view! {
        <section class="card desk-paste no-print">
            <h2><label for="desk-paste-box">"粘贴成绩码"</label></h2>
            <p class="muted small">"学员点“复制成绩码”后发来的文字（以 KF1. 开头）。可以一次粘贴多人的，聊天里的其他文字不影响。"</p>
            <textarea id="desk-paste-box" class="desk-paste-box" rows="4" spellcheck="false"
                placeholder="把一条或多条成绩码粘贴到这里"
                prop:value=move || text.get() on:input=move |ev| text.set(event_target_value(&ev))></textarea>
            <div class="actions">
                <button type="button" class="btn primary desk-paste-add" on:click=add>"添加成绩码"</button>
            </div>
            {move || report.get().map(|r| match r {
                Err(e) => view! { <p class="error" role="alert">{e}</p> }.into_any(),
                Ok(r) => {
                    let mut head = format!("添加了 {} 名学员的成绩", r.added);
                    if r.duplicates > 0 {
                        head.push_str(&format!("，{} 条已收集过（重复，未再添加）", r.duplicates));
                    }
                    view! {
                        <div class=if r.problems.is_empty() { "banner info desk-paste-report" } else { "banner warn desk-paste-report" } role="status">
                            <p>{head}</p>
                            {(!r.problems.is_empty()).then(|| view! {
                                <ul class="desk-paste-problems">{r.problems.iter().map(|p| view! { <li>{p.clone()}</li> }).collect_view()}</ul>
                                <p class="small">"有问题的成绩码仍留在框里：请让这几位学员重新复制发送。"</p>
                            })}
                        </div>
                    }.into_any()
                }
            })}
        </section>
    }
}
