//! The cohort table as CSV for Excel: one line per trainee and exam, UTF-8 with BOM, CRLF,
//! formulas defused (the cell rules are `report`'s, shared with the trainee's export).

use crate::engine::attempt::report::push_row;
use crate::engine::bank::course::Course;
use crate::engine::time::timing::duration_cn;
use crate::engine::trainer::cohort::{columns, table, Cohort};
use crate::engine::trainer::regrade_findings::DryRun;

const HEADER: &[&str] = &[
    "姓名",
    "工号",
    "天",
    "考试",
    "题库文件",
    "考试次数",
    "最高得分率",
    "最近得分率",
    "结果",
    "最近用时",
    "老师批改",
    "复核提示",
];

/// `runs` are the re-grade dry runs of the cohort's attempts (their findings fill the last
/// column, so a printed or filtered table still shows an edited file).
pub fn cohort_csv(cohort: &Cohort, course: Option<&Course>, runs: &[DryRun]) -> String {
    let cols = columns(course, cohort);
    let rows = table(cohort, &cols);
    let mut out = String::from("\u{feff}");
    push_row(&mut out, HEADER.iter().map(|s| s.to_string()));
    for row in &rows {
        for col in &cols {
            let cell = row.cells.get(&col.path);
            let notes: Vec<String> = cohort
                .attempts_of(&row.trainee)
                .filter(|r| r.bank.path == col.path)
                .filter_map(|r| runs.iter().find(|d| d.attempt_id == r.id))
                .flat_map(|d| d.reasons())
                .collect();
            let figure = |p: Option<f64>| cell.map(|c| c.figure(p)).unwrap_or_default();
            let cells = vec![
                row.trainee.name.clone(),
                row.trainee.employee_no.clone(),
                col.day.clone(),
                col.title.clone(),
                col.path.clone(),
                cell.map_or(0, |c| c.attempts).to_string(),
                figure(cell.and_then(|c| c.best)),
                figure(cell.and_then(|c| c.latest)),
                match cell {
                    None => "未考",
                    Some(c) if c.passed => "已通过",
                    Some(c) if c.best.is_none() => "未交卷",
                    Some(_) => "未通过",
                }
                .to_string(),
                cell.and_then(|c| c.time_ms)
                    .map(duration_cn)
                    .unwrap_or_default(),
                if cell.is_some_and(|c| c.marked) {
                    "已批改"
                } else {
                    ""
                }
                .to_string(),
                notes.join("；"),
            ];
            push_row(&mut out, cells.into_iter());
        }
    }
    out
}
