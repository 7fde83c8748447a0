//! Name and employee number, asked once and kept on the device.

use crate::app::state::AppState;
use crate::engine::attempt::attempt::Trainee;
use leptos::prelude::*;

#[component]
pub fn TraineeForm(#[prop(optional)] on_done: Option<Callback<()>>) -> impl IntoView {
    let state = expect_context::<AppState>();
    let current = state.trainee.get_untracked().unwrap_or_default();
    let name = RwSignal::new(current.name);
    let number = RwSignal::new(current.employee_no);
    let error = RwSignal::new(None::<&'static str>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let n = name.get_untracked().trim().to_string();
        if n.is_empty() {
            error.set(Some("请填写姓名"));
            return;
        }
        state.set_trainee(Trainee {
            name: n,
            employee_no: number.get_untracked().trim().to_string(),
        });
        if let Some(cb) = on_done {
            cb.run(());
        }
    };
    view! {
        <form class="card trainee-form" on:submit=submit>
            <h2>"学员信息"</h2>
            <p class="muted">"只需填写一次，会保存在本机，并写入成绩记录，方便培训老师核对。"</p>
            <label for="trainee-name">"姓名"</label>
            <input id="trainee-name" type="text" autocomplete="name" required prop:value=move || name.get()
                on:input=move |ev| name.set(event_target_value(&ev))/>
            <label for="trainee-no">"工号（选填）"</label>
            <input id="trainee-no" type="text" inputmode="numeric" prop:value=move || number.get()
                on:input=move |ev| number.set(event_target_value(&ev))/>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            <button type="submit" class="btn primary">"保存"</button>
        </form>
    }
}
