//! The re-grade dry run (Moodle's "dry run of a full regrade", without a server): an imported
//! attempt is re-graded from its raw answers against the bank the site hosts now, and every
//! reason its score would change is named before anything changes.
//!
//! What it can tell apart:
//! - the stored score of a question differs from what its own answers give, while the question
//!   is unchanged: the file was edited (or, for a reply, the red-line list changed);
//! - the stored totals do not add up, or the question list is not what the seed draws from an
//!   unchanged bank: an inconsistent record;
//! - a question's hash differs: the bank was edited since the attempt;
//! - a question or the whole bank is gone;
//! - a typing test's stored speed, accuracy or targets are not what its typed text gives, or
//!   its passages were edited since (or are gone).
//!
//! A determined person can forge a file that passes all of this (by re-computing the scores
//! the engine would give); what is detected is an edited score, a changed bank and an
//! inconsistent record.

use crate::engine::attempt::assemble::{assemble, possible_draw};
use crate::engine::attempt::attempt::{AttemptRecord, Regrade};
use crate::engine::bank::bank::Bank;
use crate::engine::grading::grade::{passes, Outcome};
use crate::engine::question::numeric::fmt_num;
use crate::engine::question::{GradeContext, Kind};
use crate::engine::typing::bank::TypingBank;
use crate::engine::typing::typing::{fmt1, measure, targets_met, TypingRecord, TypingResult};
use serde::{Deserialize, Serialize};

/// Scores closer than this are equal (scores are rounded to cents).
const EPS: f64 = 0.005;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Finding {
    /// The site no longer hosts the attempt's bank: nothing can be re-graded.
    BankGone { path: String },
    /// The question is no longer in the bank: it would score zero.
    QuestionGone { key: String },
    /// The question was edited since the attempt.
    QuestionChanged { key: String },
    /// The question is unchanged but the stored score is not what the answer gives.
    ScoreEdited {
        key: String,
        stored: f64,
        regraded: f64,
        /// A reply: a changed red-line list gives the same sign, so say so.
        reply: bool,
    },
    /// The record contradicts itself.
    Inconsistent { what: String },
}

impl Finding {
    /// A short code for filtering and for the terminal: `edited`, `bank`, `gone`,
    /// `inconsistent`.
    pub fn code(&self) -> &'static str {
        match self {
            Finding::ScoreEdited { .. } => "edited",
            Finding::Inconsistent { .. } => "inconsistent",
            Finding::QuestionChanged { .. } => "bank",
            Finding::QuestionGone { .. } | Finding::BankGone { .. } => "gone",
        }
    }

    /// Whether the finding points at the file rather than at the bank.
    pub fn suspicious(&self) -> bool {
        matches!(
            self,
            Finding::ScoreEdited { .. } | Finding::Inconsistent { .. }
        )
    }

    pub fn message(&self) -> String {
        match self {
            Finding::BankGone { path } => format!("网站上已没有题库 {path}，无法重新评分"),
            Finding::QuestionGone { key } => format!("题目 {key} 已从题库删除，重新评分按 0 分"),
            Finding::QuestionChanged { key } => format!("题目 {key} 在考试之后被修改过"),
            Finding::ScoreEdited {
                key,
                stored,
                regraded,
                reply,
            } => {
                let mut m = format!(
                    "题目 {key} 没有修改，但记录里的得分 {} 与按答案重新评分的 {} 不一致：文件可能被改过",
                    fmt_num(*stored),
                    fmt_num(*regraded)
                );
                if *reply {
                    m.push_str("（情景回复题也可能是红线词表改了）");
                }
                m
            }
            Finding::Inconsistent { what } => format!("记录前后矛盾：{what}"),
        }
    }
}

/// The dry run of one attempt.
#[derive(Clone, Debug, PartialEq)]
pub struct DryRun {
    pub attempt_id: String,
    pub findings: Vec<Finding>,
    /// The outcome stored in the record.
    pub stored: Option<Outcome>,
    /// The outcome against today's bank; `None` when the bank is gone or the attempt is open.
    pub regraded: Option<Outcome>,
}

impl DryRun {
    /// Whether committing would change the score or the verdict.
    pub fn would_change(&self) -> bool {
        match (&self.stored, &self.regraded) {
            (Some(s), Some(r)) => (s.score - r.score).abs() > EPS || s.passed != r.passed,
            _ => false,
        }
    }

    pub fn suspicious(&self) -> bool {
        self.findings.iter().any(Finding::suspicious)
    }

    pub fn reasons(&self) -> Vec<String> {
        self.findings.iter().map(Finding::message).collect()
    }
}

/// Re-grades `record` against `bank` (the site's bank at the record's path, if any) and names
/// every reason the score would change. Attempts not yet submitted get no findings.
pub fn dry_run(record: &AttemptRecord, bank: Option<&Bank>, ctx: &GradeContext) -> DryRun {
    let mut findings = Vec::new();
    if let Some(t) = &record.typing {
        typing_consistency(t, &mut findings);
        return DryRun {
            attempt_id: record.id.clone(),
            findings,
            stored: record.result.clone(),
            regraded: None,
        };
    }
    let stored = record.result.clone();
    let Some(stored_outcome) = &stored else {
        return DryRun {
            attempt_id: record.id.clone(),
            findings,
            stored,
            regraded: None,
        };
    };
    consistency(record, stored_outcome, &mut findings);
    let Some(bank) = bank else {
        findings.push(Finding::BankGone {
            path: record.bank.path.clone(),
        });
        return DryRun {
            attempt_id: record.id.clone(),
            findings,
            stored,
            regraded: None,
        };
    };
    let Regrade {
        changed_questions,
        outcome,
        ..
    } = record.regrade(bank, ctx);
    for key in &changed_questions {
        if bank.find(key).is_none() {
            findings.push(Finding::QuestionGone { key: key.clone() });
        } else {
            findings.push(Finding::QuestionChanged { key: key.clone() });
        }
    }
    for q in &outcome.questions {
        if changed_questions.contains(&q.key) {
            continue;
        }
        let stored_score = stored_outcome
            .questions
            .iter()
            .find(|s| s.key == q.key)
            .map_or(0.0, |s| s.score);
        if (stored_score - q.score).abs() > EPS {
            let reply = bank
                .find(&q.key)
                .is_some_and(|(_, bq)| matches!(bq.kind, Kind::Reply(_)));
            findings.push(Finding::ScoreEdited {
                key: q.key.clone(),
                stored: stored_score,
                regraded: q.score,
                reply,
            });
        }
    }
    // An unchanged bank and the seed give the question list of a first attempt; a retry's
    // draw also depends on the trainee's earlier attempts (`assemble_rotating`), so a list the
    // seed does not give must still be a draw the bank allows. Anything else was edited.
    if bank.hash.as_str() == record.bank.hash {
        let planned: Vec<String> = assemble(bank, record.seed)
            .into_iter()
            .map(|p| p.key)
            .collect();
        if planned != record.keys() && !possible_draw(bank, &record.plan()) {
            findings.push(Finding::Inconsistent {
                what: "题目列表与随机种子抽出的题目不同".into(),
            });
        }
    }
    DryRun {
        attempt_id: record.id.clone(),
        findings,
        stored,
        regraded: Some(outcome),
    }
}

/// A typing test's stored figures against the ones its own text, typed text and times give
/// (the arithmetic is the test's own, `typing::measure`): an edited speed, accuracy or target
/// is named.
fn typing_consistency(t: &TypingRecord, findings: &mut Vec<Finding>) {
    let Some(stored) = &t.result else { return };
    let end = t
        .ended_at
        .unwrap_or(stored.elapsed_ms.saturating_add(t.began_at.unwrap_or(0)));
    let again = measure(
        &t.text,
        &t.typed,
        t.elapsed_ms(end),
        t.corrections,
        &t.targets,
        t.min_accuracy,
    );
    let near = |a: f64, b: f64| (a - b).abs() < 0.05;
    let met = |r: &TypingResult| -> Vec<(u32, bool)> {
        r.targets.iter().map(|x| (x.cpm, x.met)).collect()
    };
    let same = near(stored.net_cpm, again.net_cpm)
        && near(stored.gross_cpm, again.gross_cpm)
        && near(stored.accuracy, again.accuracy)
        && stored.counts == again.counts
        && stored.typed_chars == again.typed_chars
        && stored.elapsed_ms == again.elapsed_ms
        && stored.corrections == again.corrections
        && met(stored) == met(&again)
        && stored.accuracy_ok == again.accuracy_ok;
    if !same {
        findings.push(Finding::Inconsistent {
            what: format!(
                "打字成绩与记录里打的字不符：记录 {} 字/分、准确率 {}%{}，按打的字计算是 {} 字/分、准确率 {}%{}",
                fmt1(stored.net_cpm),
                fmt1(stored.accuracy),
                met_cn(stored),
                fmt1(again.net_cpm),
                fmt1(again.accuracy),
                met_cn(&again)
            ),
        });
    }
}

fn met_cn(r: &TypingResult) -> String {
    let met = targets_met(r);
    if met.is_empty() {
        String::new()
    } else {
        format!("（达到 {} 字/分）", met.join("、"))
    }
}

/// Checks that need no bank: totals that add up, a verdict that follows from them, times in
/// order, answers only to the attempt's questions.
fn consistency(record: &AttemptRecord, o: &Outcome, findings: &mut Vec<Finding>) {
    let mut say = |what: String| findings.push(Finding::Inconsistent { what });
    let sum: f64 = o.questions.iter().map(|q| q.score).sum();
    if (sum - o.score).abs() > EPS * 2.0 {
        say(format!(
            "总分 {} 不等于各题得分之和 {}",
            fmt_num(o.score),
            fmt_num(sum)
        ));
    }
    let max: f64 = record.questions.iter().map(|q| q.points).sum();
    if (max - o.max).abs() > EPS * 2.0 {
        say(format!(
            "满分 {} 不等于各题分值之和 {}",
            fmt_num(o.max),
            fmt_num(max)
        ));
    }
    let percent = if o.max > 0.0 {
        o.score / o.max * 100.0
    } else {
        0.0
    };
    if (percent - o.percent).abs() > 0.01 {
        say(format!(
            "得分率 {}% 与得分 {}/{} 不符",
            fmt_num(o.percent),
            fmt_num(o.score),
            fmt_num(o.max)
        ));
    }
    if o.passed != passes(o.percent, o.max, record.pass_percent) {
        say(format!(
            "“{}”与得分率 {}%、及格线 {}% 不符",
            if o.passed { "及格" } else { "不及格" },
            fmt_num(o.percent),
            fmt_num(record.pass_percent)
        ));
    }
    for q in &o.questions {
        if let Some(aq) = record.questions.iter().find(|a| a.key == q.key) {
            if q.score > aq.points + EPS || q.score < -EPS {
                say(format!(
                    "题目 {} 的得分 {} 超出 0 到 {} 分",
                    q.key,
                    fmt_num(q.score),
                    fmt_num(aq.points)
                ));
            }
        }
    }
    if record.answers.keys().any(|k| !record.keys().contains(k)) {
        say("有不属于这次考试的题目的答案".into());
    }
    if let Some(end) = record.submitted_at {
        if end < record.started_at {
            say("交卷时间早于开始时间".into());
        }
        if record.answered_at.values().any(|&t| t > end) {
            say("有答案的作答时间晚于交卷时间".into());
        }
    }
}

/// Dry runs of every submitted exam attempt of a cohort against the course as loaded now
/// (practice attempts do not count toward a result and are left out).
pub fn dry_run_cohort(
    attempts: &[AttemptRecord],
    lib: &crate::engine::bank::library::Library,
) -> Vec<DryRun> {
    attempts
        .iter()
        .filter(|r| r.mode == crate::engine::attempt::attempt::Mode::Exam && r.is_submitted())
        .map(|r| dry_run_on_site(r, lib))
        .collect()
}

/// The dry run of one attempt against the course as loaded now: an exam against its bank, a
/// typing test's figures against its typed text and its passages against the typing bank.
pub fn dry_run_on_site(
    record: &AttemptRecord,
    lib: &crate::engine::bank::library::Library,
) -> DryRun {
    let path = &record.bank.path;
    let bank = lib.banks.get(path).map(|b| &**b);
    let mut run = dry_run(record, bank, &lib.grade_context(path));
    if let Some(t) = &record.typing {
        typing_passages(path, t, lib.typing.get(path), &mut run.findings);
    }
    run
}

/// A typing test's text against the site's typing bank now: a passage gone or edited since is
/// named (its figures stay what its own text gives), as a question is for an exam.
fn typing_passages(
    path: &str,
    t: &TypingRecord,
    bank: Option<&TypingBank>,
    findings: &mut Vec<Finding>,
) {
    let Some(bank) = bank else {
        findings.push(Finding::BankGone { path: path.into() });
        return;
    };
    let mut plan = Vec::new();
    for id in &t.passages {
        match bank.passages.iter().position(|p| p.id == *id) {
            Some(i) => plan.push(i),
            None => findings.push(Finding::QuestionGone {
                key: format!("{path}#{id}"),
            }),
        }
    }
    if plan.len() < t.passages.len() || bank.text_for(&plan) == t.text {
        return;
    }
    // The joined text differs: the passages whose text it no longer holds (else the first).
    let changed: Vec<&str> = plan
        .iter()
        .map(|&i| &bank.passages[i])
        .filter(|p| !t.text.contains(p.text.as_str()))
        .map(|p| p.id.as_str())
        .collect();
    let changed = if changed.is_empty() {
        t.passages.iter().take(1).map(String::as_str).collect()
    } else {
        changed
    };
    for id in changed {
        findings.push(Finding::QuestionChanged {
            key: format!("{path}#{id}"),
        });
    }
}

/// The attempts whose file looks edited (left out of the item analysis).
pub fn suspicious_ids(runs: &[DryRun]) -> Vec<String> {
    runs.iter()
        .filter(|r| r.suspicious())
        .map(|r| r.attempt_id.clone())
        .collect()
}
