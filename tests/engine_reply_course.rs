//! Worked examples of issue 21 on the real course (exams/): how trainees actually write
//! (paraphrases, traditional characters, same-sounding slips), key points dismissed after they
//! are said, the course-wide wrong actions, 没有 banned only as a blunt refusal, and replies not
//! in Chinese. Each score is the one a trainer reading for meaning would sign.

mod common;

use common::exam_files;
use kefu_exam::engine::bank::library::{self, Files, Library};
use kefu_exam::engine::question::answer::Answer;
use kefu_exam::engine::question::{grade_question, Graded};

fn course() -> Library {
    library::load("exams/index.md", &exam_files())
}

fn grade(lib: &Library, id: &str, text: &str) -> Graded {
    let key = format!("exams/09-replies.md#{id}");
    let q = lib
        .banks
        .values()
        .flat_map(|b| b.questions())
        .find(|q| q.key() == key)
        .unwrap_or_else(|| panic!("no question {key}"));
    let answer = Answer::Reply { text: text.into() };
    grade_question(q, Some(&answer), &lib.grade_context(&q.bank))
}

fn assert_score(lib: &Library, id: &str, text: &str, want: f64) {
    let g = grade(lib, id, text);
    assert!(
        (g.fraction - want).abs() < 1e-6,
        "{id} 「{text}」 scored {} not {want}: {}",
        g.fraction,
        g.feedback.join("；")
    );
}

#[test]
fn platform_violations_score_zero_whatever_else_the_reply_says() {
    let lib = course();
    // Every key point, then a demand on the review before the problem is handled.
    assert_score(
        &lib,
        "review-reply",
        "亲，非常抱歉，请问是哪里不满意？您先把中评改成好评，我们马上给您解决",
        0.0,
    );
    // Cash back through a private channel.
    assert_score(
        &lib,
        "review-reply",
        "亲，真抱歉，哪里有问题您说，我们一定处理，加我微信给您返现",
        0.0,
    );
    // Marked as shipped before it ships.
    assert_score(
        &lib,
        "stock-reply",
        "亲，我先帮您查一下实际库存，先给您点发货，有货再安排",
        0.0,
    );
    // Agreeing first, checking later.
    assert_score(
        &lib,
        "red-reply-refund",
        "亲，我先同意了，回头再核实退款原因和金额哈",
        0.0,
    );
    let g = grade(
        &lib,
        "red-reply-refund",
        "亲，我先同意了，回头再核实退款原因和金额哈",
    );
    assert!(
        g.feedback
            .iter()
            .any(|f| f.contains("000_84ed276d6acfb15f.txt")),
        "the feedback names where the rule comes from: {:?}",
        g.feedback
    );
    // Pushing the problem onto someone else.
    assert_score(
        &lib,
        "emotion-reply",
        "理解您，具体什么情况？这事不归我管，您去问问别人吧",
        0.0,
    );
    assert_score(&lib, "emotion-reply", "亲理解您着急，搞不定你去问别人", 0.0);
}

#[test]
fn a_transfer_offered_on_a_condition_is_a_violation_and_one_warned_against_is_not() {
    let lib = course();
    // Warning the buyer off a private transfer by its consequence: the right thing to say.
    assert_score(
        &lib,
        "jd-pay-offplatform",
        "亲，为了您的资金安全，还是在京东下单付款哈，私下转账出了问题谁都说不清的",
        1.0,
    );
    // "If you transfer it to me, I'll take more off": an offer, however politely it is put.
    assert_score(
        &lib,
        "red-reply-jd-bargain",
        "亲，真不好意思，价格已经很实惠了，东西做工也好，您要是加我微信转账的话，我还能再给您便宜点",
        0.0,
    );
    assert_score(
        &lib,
        "red-reply-bargain-direct",
        "抱歉亲，价格已经很低了，质量您放心，如果您私下转给我的话就再少三块",
        0.0,
    );
    // A supposition the next words refuse is still no deed.
    assert_score(
        &lib,
        "refund-reason-quality",
        "亲，理解您，不过要是选质量问题的话，我们这边是不能同意的，麻烦您按实际情况选不想要了",
        1.0,
    );
}

#[test]
fn a_key_point_dismissed_after_it_is_said_does_not_count() {
    let lib = course();
    // 核实 and 金额 dismissed: only 原因 is left.
    assert_score(
        &lib,
        "red-reply-refund",
        "亲，退款原因我看到了，金额不必再看",
        1.0 / 3.0,
    );
    assert_score(
        &lib,
        "red-reply-refund",
        "亲，原因和金额我记下了，核实就免了吧",
        0.0, // 不用核实 in other words is a wrong action of this question
    );
}

#[test]
fn good_paraphrases_count_as_the_key_point() {
    let lib = course();
    assert_score(
        &lib,
        "red-reply-refund",
        "亲，我先帮您看一下退款理由，再确认一下退多少钱，稍等哈",
        1.0,
    );
    assert_score(
        &lib,
        "emotion-reply",
        "亲，将心比心我也会急，您说说卡在哪了，我帮您搞定",
        1.0,
    );
    assert_score(
        &lib,
        "emotion-reply",
        "能感受到您的着急，麻烦说下具体情况，我马上跟进处理",
        1.0,
    );
    assert_score(
        &lib,
        "stock-reply",
        "亲，我先去仓库查一下实际剩几件，有的话马上给您寄出",
        1.0,
    );
}

#[test]
fn traditional_characters_and_same_sounding_slips_count_and_the_feedback_says_so() {
    let lib = course();
    assert_score(
        &lib,
        "red-reply-refund",
        "親，我先幫您核實一下退款原因和金額，確認後馬上處理",
        1.0,
    );
    let g = grade(
        &lib,
        "red-reply-refund",
        "亲，我先帮您核时一下退款原因和金额哈",
    );
    assert!((g.fraction - 1.0).abs() < 1e-6, "{:?}", g.feedback);
    assert!(
        g.feedback.iter().any(|f| f.contains("按读音算作“核实”")),
        "{:?}",
        g.feedback
    );
}

#[test]
fn 没有_is_banned_as_a_blunt_refusal_not_as_a_word() {
    let lib = course();
    assert_score(
        &lib,
        "red-reply-no-discount",
        "亲，不好意思，目前没有满减活动，不过这款价格已经很实惠了，质量很好",
        1.0,
    );
    assert_score(
        &lib,
        "bargain-reply-decline",
        "亲，真的很抱歉，价格已经很低了，这款没有任何色差，做工很好，您可以货比三家",
        1.0,
    );
    assert_score(&lib, "red-reply-no-discount", "抱歉亲，没有优惠了", 0.0);
    assert_score(&lib, "red-reply-no-discount", "没有", 0.0);
    let g = grade(&lib, "red-reply-no-discount", "抱歉亲，没有优惠了");
    assert_eq!(g.redline.as_deref(), Some("没有"));
}

#[test]
fn a_reply_not_in_chinese_scores_zero_and_says_why() {
    let lib = course();
    for text in [
        "qin, wo xian bang nin he shi yi xia tui kuan yuan yin he jin e",
        "Dear, I will check the refund reason and the amount first.",
    ] {
        let g = grade(&lib, "red-reply-refund", text);
        assert_eq!(g.fraction, 0.0);
        assert!(g.feedback[0].contains("不是中文"), "{:?}", g.feedback);
    }
    // A size code in a Chinese reply is fine.
    assert_score(
        &lib,
        "red-reply-refund",
        "亲，我先核实一下您退的M码那件的退款原因和金额",
        1.0,
    );
}

#[test]
fn the_checker_names_unknown_and_unused_concepts_and_wordings_a_concept_covers() {
    use kefu_exam::engine::grading::rubric_check;
    use kefu_exam::engine::text::diagnostics::Severity;
    let files: Files = [
        (
            "c/index.md",
            "---\ntitle: t\nconcepts: concepts.md\n---\n\n# 第 1 天\n\n- [回复](r.md)\n",
        ),
        (
            "c/concepts.md",
            "---\nkind: concepts\n---\n\n- 核实：核对|查一下\n- 理解：明白\n- 金额：钱数\n",
        ),
        (
            "c/r.md",
            "---\ntitle: r\n---\n\n## 顾客：“快退款” {#q points=3}\n\n要点：\n- 【核实】\n- 钱数|退多少\n- 【安抚】\n",
        ),
    ]
    .iter()
    .map(|(p, t)| (p.to_string(), Some(t.to_string())))
    .collect();
    let lib = library::load("c/index.md", &files);
    let d = rubric_check::check(&lib);
    let shown: Vec<String> = d.iter().map(|d| d.to_string()).collect();
    assert_eq!(d.len(), 4, "{shown:#?}");
    // 钱数 is already the concept 金额's: a hint at its key point's line to write the concept.
    assert_eq!((d[0].file.as_str(), d[0].line), ("c/r.md", 9));
    assert_eq!(d[0].severity, Severity::Warning);
    assert!(d[0].message.contains("【金额】"), "{}", d[0].message);
    // 【安抚】 is not in the concept list: an error at its line.
    assert_eq!((d[1].line, d[1].severity), (10, Severity::Error));
    assert!(d[1].message.contains("【安抚】"));
    // 理解 and 金额 are named by no rubric (writing 钱数 is not naming 金额): hints at their lines.
    assert_eq!((d[2].file.as_str(), d[2].line), ("c/concepts.md", 6));
    assert!(d[2].message.contains("【理解】"));
    assert_eq!((d[3].line, d[3].severity), (7, Severity::Warning));
    assert!(d[3].message.contains("【金额】"));
}
