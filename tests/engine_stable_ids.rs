//! Question identity across edits: derived ids depend only on the question's own content,
//! explicit ids never change, hashes track text changes, and a re-grade names what changed.

mod common;

use common::*;
use kefu_exam::engine::attempt::attempt::{AttemptRecord, Mode, SubmitReason, Trainee};
use kefu_exam::engine::bank::bank::Bank;
use kefu_exam::engine::question::GradeContext;
use std::collections::BTreeMap;

const V1: &str = "---\ntitle: 版本\n---\n\n# 规则\n\n## 平台几点开始计算服务时间？\n\n1. [x] 9 点\n1. [ ] 8 点\n\n> 9 点。\n\n## 客服 8 点上班。\n\n答案：对\n\n> 对。\n\n## 发货时间是多久？ {#ship-time}\n\n1. [x] 48 小时\n1. [ ] 7 天\n\n> 48 小时。\n\n## 顾客砍价怎么回？\n\n要点：\n- 抱歉\n- 优惠\n\n> 婉转。\n";

fn ids(bank: &Bank) -> Vec<String> {
    bank.questions().map(|q| q.id.clone()).collect()
}

fn hashes(bank: &Bank) -> BTreeMap<String, String> {
    bank.questions()
        .map(|q| (q.id.clone(), q.hash.as_str().to_owned()))
        .collect()
}

#[test]
fn parsing_the_same_text_twice_gives_the_same_ids_and_hashes() {
    let a = clean_bank("v.md", V1);
    let b = clean_bank("v.md", V1);
    assert_eq!(ids(&a), ids(&b));
    assert_eq!(hashes(&a), hashes(&b));
    assert_eq!(a.hash, b.hash);
}

#[test]
fn editing_one_questions_text_does_not_change_other_questions_derived_ids() {
    let v1 = clean_bank("v.md", V1);
    let v2 = clean_bank(
        "v.md",
        &V1.replace("客服 8 点上班。", "客服早上 8 点上班。"),
    );
    let (a, b) = (ids(&v1), ids(&v2));
    assert_eq!(a[0], b[0]);
    assert_ne!(a[1], b[1], "the edited question gets a new derived id");
    assert_eq!(a[2..], b[2..]);
}

#[test]
fn adding_removing_or_reordering_questions_keeps_the_others_ids() {
    let v1 = clean_bank("v.md", V1);
    let extra = "## 新加的一题\n\n答案：错\n\n> 新。\n\n";
    let added = clean_bank(
        "v.md",
        &V1.replace("## 客服 8 点上班。", &format!("{extra}## 客服 8 点上班。")),
    );
    let old: Vec<String> = ids(&v1);
    let new: Vec<String> = ids(&added);
    assert_eq!(new.len(), old.len() + 1);
    assert!(old.iter().all(|id| new.contains(id)));
    let mut moved_text = V1.to_string();
    let block = "## 客服 8 点上班。\n\n答案：对\n\n> 对。\n\n";
    moved_text = moved_text.replace(block, "");
    moved_text.push('\n');
    moved_text.push_str(block);
    let moved = clean_bank("v.md", &moved_text);
    let mut a = ids(&v1);
    let mut b = ids(&moved);
    a.sort();
    b.sort();
    assert_eq!(a, b);
}

#[test]
fn re_wrapping_or_re_indenting_a_question_keeps_its_id_and_hash() {
    let v1 = clean_bank("v.md", V1);
    let v2 = clean_bank(
        "v.md",
        &V1.replace(
            "## 客服 8 点上班。\n\n答案：对",
            "## 客服   8 点上班。   \n\n\n答案：对",
        ),
    );
    assert_eq!(ids(&v1), ids(&v2));
    assert_eq!(hashes(&v1), hashes(&v2));
}

#[test]
fn explicit_ids_survive_edits_to_their_own_text() {
    let v1 = clean_bank("v.md", V1);
    let v2 = clean_bank(
        "v.md",
        &V1.replace("发货时间是多久？", "付款后多久内必须发货？")
            .replace("48 小时。", "付款后 48 小时内。"),
    );
    let q1 = question(&v1, "ship-time");
    let q2 = question(&v2, "ship-time");
    assert!(q1.explicit_id && q2.explicit_id);
    assert_eq!(q1.key(), q2.key());
    assert_ne!(q1.hash, q2.hash, "the hash records that the text changed");
}

#[test]
fn a_questions_hash_changes_when_its_text_changes_and_only_its_hash() {
    let v1 = clean_bank("v.md", V1);
    let v2 = clean_bank("v.md", &V1.replace("1. [ ] 7 天", "1. [ ] 10 天"));
    let (h1, h2) = (hashes(&v1), hashes(&v2));
    assert_ne!(h1["ship-time"], h2["ship-time"]);
    for (id, h) in &h1 {
        if id != "ship-time" {
            assert_eq!(Some(h), h2.get(id), "{id}");
        }
    }
    // An edit in the explanation alone is a change to the question too.
    let v3 = clean_bank("v.md", &V1.replace("> 48 小时。", "> 付款后 48 小时。"));
    assert_ne!(hashes(&v3)["ship-time"], h1["ship-time"]);
    assert_ne!(v1.hash, v2.hash);
}

#[test]
fn regrade_reports_the_questions_changed_since_the_attempt() {
    let v1 = clean_bank("v.md", V1);
    let ctx = GradeContext::default();
    let mut rec = AttemptRecord::start(&v1, Mode::Exam, Trainee::default(), 8, 0);
    for key in rec.keys() {
        let (_, q) = v1.find(&key).unwrap();
        rec.set_answer(&key, Some(correct_answer(&q.kind)), 1)
            .unwrap();
    }
    rec.submit(&v1, &ctx, 2, SubmitReason::Manual);
    assert_eq!(rec.result.as_ref().unwrap().percent, 100.0);

    // Unchanged bank: nothing changed, same score.
    let same = rec.regrade(&v1, &ctx);
    assert!(!same.bank_changed);
    assert!(same.changed_questions.is_empty());
    assert_eq!(same.outcome.score, rec.result.as_ref().unwrap().score);

    // The explicit-id question's right answer flips; the derived-id true/false is reworded.
    let edited = V1
        .replace("1. [x] 48 小时\n1. [ ] 7 天", "1. [ ] 48 小时\n1. [x] 7 天")
        .replace("客服 8 点上班。", "客服早上 8 点上班。");
    let v2 = clean_bank("v.md", &edited);
    let re = rec.regrade(&v2, &ctx);
    assert!(re.bank_changed);
    let tf_key = format!("v.md#{}", ids(&v1)[1]);
    let mut changed = re.changed_questions.clone();
    changed.sort();
    let mut expected = vec!["v.md#ship-time".to_string(), tf_key.clone()];
    expected.sort();
    assert_eq!(changed, expected);
    // The reworded question has a new id, so it is missing from the new bank and scores zero;
    // the flipped one is re-graded with its new answer.
    assert_eq!(re.outcome.missing, vec![tf_key]);
    let ship = re
        .outcome
        .questions
        .iter()
        .find(|q| q.key == "v.md#ship-time")
        .unwrap();
    assert_eq!(ship.score, 0.0);
    assert!(re.outcome.score < rec.result.as_ref().unwrap().score);
}
