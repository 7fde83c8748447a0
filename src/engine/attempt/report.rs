//! Result files for trainers: CSV that opens in Excel with Chinese intact (UTF-8 with BOM,
//! CRLF), and the JSON export that holds whole attempt records.

use crate::engine::attempt::attempt::{AttemptRecord, Mode, SubmitReason};
use crate::engine::question::numeric::fmt_num;
use crate::engine::text::json::Codec;
#[cfg(not(target_arch = "wasm32"))]
use crate::engine::text::json::SerdeJson;
use crate::engine::time::events::{span_cn, Summary};
use crate::engine::time::timing::{datetime, duration_cn};
use crate::engine::typing::typing;
use serde::Serialize;

pub const EXPORT_FORMAT: &str = "kefu-exam-results";

/// The export file: whole attempt records, so a trainer can re-grade them against the bank.
#[derive(Serialize)]
pub struct Export<'a> {
    pub format: &'a str,
    pub version: u32,
    pub exported_at: i64,
    pub attempts: &'a [AttemptRecord],
}

pub fn export_with<C: Codec>(records: &[AttemptRecord], now: i64) -> String {
    C::write(&Export {
        format: EXPORT_FORMAT,
        version: 1,
        exported_at: now,
        attempts: records,
    })
}

/// Reads an export (or a single record). Broken records are reported and skipped.
pub fn import_with<C: Codec>(text: &str) -> Result<(Vec<AttemptRecord>, Vec<String>), String> {
    let value = C::parse(text.trim_start_matches('\u{feff}'))
        .map_err(|e| format!("文件不是有效的 JSON：{e}"))?;
    let items = match C::field(&value, "attempts").and_then(|a| C::items(&a)) {
        Some(a) => a,
        None if C::field(&value, "schema").is_some() => vec![value],
        None => return Err("文件里没有考试记录".into()),
    };
    let mut ok = Vec::new();
    let mut problems = Vec::new();
    for (i, item) in items.iter().enumerate() {
        match AttemptRecord::from_node::<C>(item) {
            Ok(r) => ok.push(r),
            Err(e) => problems.push(format!("第 {} 条记录：{e}", i + 1)),
        }
    }
    Ok((ok, problems))
}

/// Native shorthands (serde_json).
#[cfg(not(target_arch = "wasm32"))]
pub fn export_json(records: &[AttemptRecord], now: i64) -> String {
    export_with::<SerdeJson>(records, now)
}

#[cfg(not(target_arch = "wasm32"))]
pub fn import_json(text: &str) -> Result<(Vec<AttemptRecord>, Vec<String>), String> {
    import_with::<SerdeJson>(text)
}

const HEADER: &[&str] = &[
    "姓名",
    "工号",
    "考试",
    "题库文件",
    "模式",
    "开始时间",
    "交卷时间",
    "用时",
    "得分",
    "满分",
    "得分率",
    "及格线",
    "结果",
    "交卷方式",
    "离开页面次数",
    "离开总时长",
    "时钟回拨次数",
    "时钟前跳次数",
    "其他标签页接管次数",
    "退出全屏次数",
    "记录编号",
];

pub fn attempts_csv(records: &[AttemptRecord], offset_min: i32) -> String {
    let mut out = String::from("\u{feff}");
    let header = HEADER.iter().chain(typing::CSV_HEADER);
    push_row(&mut out, header.map(|s| s.to_string()));
    for r in records {
        let res = r.result.as_ref();
        let sum = Summary::of(r);
        let row = vec![
            r.trainee.name.clone(),
            r.trainee.employee_no.clone(),
            r.bank.title.clone(),
            r.bank.path.clone(),
            match (r.mode, r.typing.is_some()) {
                (Mode::Exam, false) => "考试",
                (Mode::Practice, false) => "练习",
                (Mode::Exam, true) => "打字测试",
                (Mode::Practice, true) => "打字练习",
            }
            .to_string(),
            datetime(r.started_at, offset_min),
            r.submitted_at
                .map(|t| datetime(t, offset_min))
                .unwrap_or_else(|| "未交卷".into()),
            duration_cn(r.time_used_ms(r.submitted_at.unwrap_or(r.started_at))),
            res.map(|o| fmt_num(o.score)).unwrap_or_default(),
            res.map(|o| fmt_num(o.max)).unwrap_or_default(),
            res.map(|o| format!("{}%", fmt_num(o.percent)))
                .unwrap_or_default(),
            // A typing test has speed targets (its own columns), not a pass mark.
            if r.typing.is_none() {
                format!("{}%", fmt_num(r.pass_percent))
            } else {
                String::new()
            },
            res.map(|o| if o.passed { "及格" } else { "不及格" })
                .or_else(|| {
                    let t = r.typing.as_ref()?.result.as_ref()?;
                    Some(typing::verdict(t))
                })
                .unwrap_or("未完成")
                .to_string(),
            match r.submit_reason {
                Some(SubmitReason::Manual) => "手动交卷",
                Some(SubmitReason::Timeout) => "时间到自动交卷",
                Some(SubmitReason::MaxAway) => "离开页面次数达到上限，自动交卷",
                None => "",
            }
            .to_string(),
            sum.departures.to_string(),
            if sum.departures > sum.untimed_departures {
                span_cn(sum.away_ms)
            } else {
                String::new()
            },
            sum.clock_back.to_string(),
            sum.clock_forward.to_string(),
            sum.takeovers.to_string(),
            sum.fullscreen_left.to_string(),
            r.id.clone(),
        ];
        let row = row.into_iter().chain(typing::csv_cells(r.typing.as_ref()));
        push_row(&mut out, row);
    }
    out
}

pub fn push_row(out: &mut String, cells: impl Iterator<Item = String>) {
    let cells: Vec<String> = cells.map(|c| csv_cell(&c)).collect();
    out.push_str(&cells.join(","));
    out.push_str("\r\n");
}

/// Quotes a cell when needed, and defuses spreadsheet formulas (a name like `=HYPERLINK(...)`
/// typed by a trainee must not run in the trainer's Excel).
pub fn csv_cell(s: &str) -> String {
    let s = if s.starts_with(['=', '+', '-', '@']) && s.parse::<f64>().is_err() {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_are_quoted_and_formulas_defused() {
        assert_eq!(csv_cell("张三"), "张三");
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_cell("=1+1"), "'=1+1");
        assert_eq!(csv_cell("-5"), "-5");
    }
}
