//! The trainer desk's data, shared by its tabs and the attempt review: the cohort of collected
//! attempts (kept under its own storage key), what the last files gave, any storage problem,
//! and the re-grade dry runs of the cohort against the course.

use crate::app::clock::now;
use crate::app::json::BrowserJson;
use crate::app::state::AppState;
use crate::app::storage;
use crate::engine::trainer::cohort::{Cohort, FileReport};
use crate::engine::trainer::regrade_findings::{dry_run_cohort, DryRun};
use leptos::prelude::*;

/// The desk's data, provided app-wide so the attempt review shares it with the tabs. Loaded
/// from storage on the first visit to the desk.
#[derive(Clone, Copy)]
pub struct DeskState {
    pub cohort: RwSignal<Cohort>,
    loaded: RwSignal<bool>,
    /// What the last collected files gave, one line per file.
    pub reports: RwSignal<Vec<FileReport>>,
    /// A storage problem the trainer must know about.
    pub problem: RwSignal<Option<String>>,
}

impl Default for DeskState {
    fn default() -> Self {
        Self::new()
    }
}

impl DeskState {
    pub fn new() -> DeskState {
        DeskState {
            cohort: RwSignal::new(Cohort::default()),
            loaded: RwSignal::new(false),
            reports: RwSignal::new(Vec::new()),
            problem: RwSignal::new(None),
        }
    }

    pub fn ensure_loaded(&self) {
        if self.loaded.get_untracked() {
            return;
        }
        self.loaded.set(true);
        if let Some(text) = storage::load_desk() {
            match Cohort::read::<BrowserJson>(&text) {
                Ok(c) => self.cohort.set(c),
                Err(e) => {
                    let kept = if storage::backup_desk(&text).is_ok() {
                        "原数据已另存为备份（desk-unreadable），没有删除"
                    } else {
                        "原数据无法另存，请先不要添加文件，联系技术人员"
                    };
                    self.problem.set(Some(format!(
                        "保存的班级数据无法读取（{e}），已从空白开始；{kept}。"
                    )));
                }
            }
        }
    }

    /// Changes the cohort and writes it to storage; a failed write is shown, never fatal.
    pub fn update<R>(&self, f: impl FnOnce(&mut Cohort) -> R) -> R {
        let r = self
            .cohort
            .try_update(f)
            .expect("desk cohort signal is alive");
        self.save();
        r
    }

    fn save(&self) {
        let text = self
            .cohort
            .with_untracked(|c| c.write::<BrowserJson>(now()));
        if let Err(e) = storage::save_desk(&text) {
            let why = match e {
                storage::SaveError::Unavailable => "此浏览器不允许保存数据".to_string(),
                storage::SaveError::Full(n) => format!("浏览器存储空间已满（{n}）"),
            };
            self.problem.set(Some(format!(
                "{why}：班级数据没能保存到本机，关闭页面前请在“导出”里下载整个班级（JSON）。"
            )));
        }
    }
}

/// The dry runs of the cohort against the course as loaded now (`None` while it loads).
pub fn runs_memo(app: AppState, desk: DeskState) -> Memo<Option<Vec<DryRun>>> {
    Memo::new(move |_| {
        let lib = app.library()?;
        Some(desk.cohort.with(|c| dry_run_cohort(&c.attempts, &lib)))
    })
}
