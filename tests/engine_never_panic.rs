//! Nothing a trainer types, and nothing a trainee answers, may crash the engine: arbitrary
//! text and random mixes of bank-Markdown fragments go through every parser, the library,
//! assembly, grading and the attempt record.

mod common;

use kefu_exam::engine::attempt::assemble::assemble;
use kefu_exam::engine::attempt::attempt::{AttemptRecord, Mode, SubmitReason, Trainee};
use kefu_exam::engine::attempt::report::{attempts_csv, export_json, import_json};
use kefu_exam::engine::bank::bank::Bank;
use kefu_exam::engine::bank::course::parse_course;
use kefu_exam::engine::bank::library::{self, missing_files, Files};
use kefu_exam::engine::bank::parse::parse_bank;
use kefu_exam::engine::bank::redlines::parse_redlines;
use kefu_exam::engine::grading::grade::grade_attempt;
use kefu_exam::engine::question::answer::Answer;
use kefu_exam::engine::question::{GradeContext, Kind};
use proptest::prelude::*;
use std::collections::BTreeMap;

const FRAGMENTS: &[&str] = &[
    "---",
    "---\n",
    "...\n",
    "\n",
    "\n\n",
    "\r\n",
    "\r\n\r\n",
    "\r",
    "# ",
    "## ",
    "### ",
    "#### ",
    "###### ",
    "#",
    "- [x] ",
    "- [ ] ",
    "* [X] ",
    "1. [x] ",
    "1. [ ] ",
    "2. [x] ",
    "1. ",
    "2. ",
    "3) ",
    "- ",
    "+ ",
    "  ",
    "    ",
    "\t",
    "{{",
    "}}",
    "{{a|b}}",
    "{{ }}",
    "{{|}}",
    "{",
    "}",
    "|",
    "｜",
    "| a | b |\n",
    "| --- | --- |\n",
    "| - | - | - |\n",
    "答案：",
    "答案:",
    "答案：对",
    "答案：错",
    "答案：600 ± 5",
    "误差：",
    "误差：-1",
    "单位：",
    "单位：人",
    "要点：",
    "要点：\n- ",
    "禁用词：",
    "禁用词：不还价、没有",
    "没有（除外：有没有、没有问题）：x",
    "没有（除外：",
    "（除外）",
    "错误做法：",
    "错误做法：\n- 马上…同意（上限 1/3）：x",
    "（上限 2/3）",
    "（上限 1/0）",
    "（原样匹配）",
    "示例：",
    "示例：\n- 满分：亲",
    "- 1/3：",
    "- 0：…",
    "…",
    "...",
    "platform=京东",
    "platform: 京东\n",
    "红线词：",
    "answer: ",
    "> ",
    ">",
    "  > ",
    "> 来源：x.txt",
    "{#id}",
    "{#id points=x}",
    "{#a draw=3}",
    "{draw=99}",
    "{draw=0}",
    "{points=0.5 tags=a,b}",
    "{type=fill}",
    "{type=multiple}",
    "{type=single}",
    "{type=numeric}",
    "{type=reply}",
    "{type=order}",
    "{type=match}",
    "{type=tf}",
    "{type=bogus}",
    "{scoring=all}",
    "{#x/y}",
    "{.cls}",
    "{=}",
    "{#}",
    "对",
    "错",
    "√",
    "×",
    "±",
    "+-",
    "600",
    "0.3",
    "-1",
    "1e400",
    "NaN",
    "inf",
    "0",
    "title: x\n",
    "time_limit: 5\n",
    "time_limit: 半小时\n",
    "draw: 2\n",
    "nQuestions: 1\n",
    "pass: 80%\n",
    "shuffle_questions: true\n",
    "shuffleAnswers: false\n",
    "redlines: r.md\n",
    "kind: redlines\n",
    "scoring: all\n",
    "[a](a.md)",
    "[b](b.md#s)",
    "[c](c.md)",
    "[self](index.md)",
    "[x](../x.md)",
    "[j](javascript:alert(1))",
    "![i](x.png)",
    "![j](javascript:x)",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<!--",
    "-->",
    "`",
    "```\n",
    "~~~\n",
    "**",
    "*",
    "_",
    "~~",
    "\\",
    "[",
    "]",
    "(",
    ")",
    "!",
    "[^1]",
    "[^1]: note\n",
    "$x$",
    "\u{feff}",
    "\u{0}",
    "\u{7f}",
    "中文",
    "：",
    "、",
    "，",
    "；",
    "（",
    "）",
    "“",
    "”",
    "　",
    "😀",
    "é",
    "e\u{301}",
    "\u{200b}",
    "\u{2028}",
    "ﬁ",
    "İ",
];

fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => prop::sample::select(FRAGMENTS).prop_map(str::to_string),
        1 => "[\\PC]{0,6}",
        1 => any::<char>().prop_map(|c| c.to_string()),
    ]
}

fn markdown_mix() -> impl Strategy<Value = String> {
    prop::collection::vec(fragment(), 0..80).prop_map(|v| v.concat())
}

/// A small deterministic generator for random answers.
struct Xs(u64);
impl Xs {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn index(&mut self, n: usize) -> usize {
        match self.below(5) {
            0 => usize::MAX - self.below(3) as usize,
            1 => n + self.below(3) as usize,
            _ => self.below(n as u64 + 1) as usize,
        }
    }
    fn text(&mut self) -> String {
        const WORDS: &[&str] = &[
            "",
            " ",
            "８：００",
            "ＡＢＣ",
            "对",
            "600",
            "６００人",
            "1e400",
            "-0",
            "抱歉",
            "不还价",
            "不能",
            "不了",
            "没有",
            "亲",
            "，",
            "…",
            "支付宝",
            "{{",
            "|",
            "\u{0}",
            "😀",
            "İ",
            "ﬁ",
        ];
        (0..self.below(4))
            .map(|_| WORDS[self.below(WORDS.len() as u64) as usize])
            .collect()
    }
    fn answer(&mut self, kind: &Kind) -> Option<Answer> {
        let n = kind.shuffle_len().max(3);
        let list = |r: &mut Xs| {
            (0..r.below(n as u64 + 2))
                .map(|_| r.index(n))
                .collect::<Vec<_>>()
        };
        Some(match self.below(9) {
            0 => return None,
            1 => Answer::Choice {
                selected: list(self),
            },
            2 => Answer::TrueFalse {
                value: self.below(2) == 0,
            },
            3 => Answer::Fill {
                blanks: (0..self.below(4)).map(|_| self.text()).collect(),
            },
            4 => Answer::Order { order: list(self) },
            5 => Answer::Match {
                pairs: (0..self.below(n as u64 + 2))
                    .map(|_| (self.below(4) != 0).then(|| self.index(n)))
                    .collect(),
            },
            6 => Answer::Numeric { text: self.text() },
            7 => Answer::Reply { text: self.text() },
            _ => common::correct_answer(kind),
        })
    }
}

/// Assembles, answers at random, grades, submits, re-grades and exports: must not panic, and
/// the scores must stay within bounds.
fn exercise(bank: &Bank, ctx: &GradeContext, seed: u64) {
    let seed = seed & ((1 << 53) - 1);
    let plan = assemble(bank, seed);
    assert!(plan.len() <= bank.question_count());
    let mut rng = Xs(seed | 1);
    let mut answers = BTreeMap::new();
    for p in &plan {
        let (_, q) = bank.find(&p.key).expect("planned question exists");
        if let Some(a) = rng.answer(&q.kind) {
            answers.insert(p.key.clone(), a);
        }
    }
    let keys: Vec<String> = plan.iter().map(|p| p.key.clone()).collect();
    // A retry after this attempt draws as many questions.
    let retry = kefu_exam::engine::attempt::assemble::assemble_rotating(bank, seed ^ 1, &keys);
    assert_eq!(retry.len(), plan.len());
    let out = grade_attempt(bank, &keys, &answers, ctx);
    assert!(
        out.score >= 0.0 && out.score <= out.max + 1e-6,
        "{} of {}",
        out.score,
        out.max
    );
    assert!(out.percent.is_finite() && (0.0..=100.0).contains(&out.percent));
    for q in &out.questions {
        assert!(q.score >= 0.0 && q.score <= q.max + 1e-6, "{q:?}");
    }

    let mut rec = AttemptRecord::start(
        bank,
        Mode::Exam,
        Trainee {
            name: rng.text(),
            employee_no: rng.text(),
        },
        seed,
        1_000,
    );
    for (k, a) in &answers {
        let _ = rec.set_answer(k, Some(a.clone()), 1_000 + rng.below(10_000_000) as i64);
    }
    rec.submit(
        bank,
        ctx,
        2_000 + rng.below(10_000_000) as i64,
        SubmitReason::Timeout,
    );
    let _ = rec.regrade(bank, ctx);
    let back = AttemptRecord::from_json(&rec.to_json()).expect("own record loads");
    assert_eq!(back.questions, rec.questions);
    let (records, problems) =
        import_json(&export_json(&[rec.clone()], 3_000)).expect("own export loads");
    assert!(problems.is_empty() && records.len() == 1);
    let _ = attempts_csv(&[rec], 480);
}

fn every_parser(text: &str, seed: u64) {
    let (bank, _) = parse_bank("p.md", text);
    exercise(&bank, &GradeContext::default(), seed);
    let files: Files = [("p.md".to_string(), Some(text.to_string()))].into();
    let banks = [("p.md".to_string(), bank)].into();
    let _ = kefu_exam::engine::lint::lint(&banks, None, &files);
    let _ = parse_course("index.md", text);
    let _ = parse_redlines("r.md", text);
}

fn course_from(index: &str, a: &str, b: &str, r: &str, seed: u64) {
    let mut files = Files::new();
    files.insert("index.md".into(), Some(index.to_string()));
    files.insert("a.md".into(), Some(a.to_string()));
    files.insert("b.md".into(), Some(b.to_string()));
    files.insert("r.md".into(), Some(r.to_string()));
    files.insert("c.md".into(), None);
    let _ = missing_files("index.md", &files);
    let lib = library::load("index.md", &files);
    let banks = lib
        .banks
        .iter()
        .map(|(k, b)| (k.clone(), (**b).clone()))
        .collect();
    let _ = kefu_exam::engine::lint::lint(&banks, lib.course.as_ref(), &files);
    for bank in lib.banks.values() {
        exercise(bank, &lib.grade_context(&bank.path), seed);
    }
    for path in ["a.md", "b.md", "index.md"] {
        let single = library::load_single(path, &files);
        for bank in single.banks.values() {
            exercise(bank, &single.grade_context(&bank.path), seed ^ 0x5555);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 384, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics_any_parser_or_grading(text in any::<String>(), seed in any::<u64>()) {
        every_parser(&text, seed);
    }

    #[test]
    fn markdown_fragment_mixes_never_panic_any_parser_or_grading(text in markdown_mix(), seed in any::<u64>()) {
        every_parser(&text, seed);
    }

    #[test]
    fn a_course_of_random_files_never_panics_the_library(
        index in markdown_mix(), a in markdown_mix(), b in markdown_mix(), r in markdown_mix(), seed in any::<u64>()
    ) {
        let index = format!("---\nredlines: r.md\n---\n# 第 1 天\n- [a](a.md)\n- [b](b.md)\n- [c](c.md)\n{index}");
        let b = format!("# [a](a.md) {{draw=2}}\n# [b](a.md#s)\n{b}");
        course_from(&index, &a, &b, &r, seed);
    }
}

#[test]
fn pathological_inputs_do_not_panic() {
    let cases = [
        String::new(),
        "---".into(),
        "---\n".into(),
        "\u{feff}---\ntitle: x\n---".into(),
        "\u{feff}".into(),
        "## {{".into(),
        "## a {{b}} {#c}".into(),
        "## }}{{".into(),
        "## q\n\n答案：".into(),
        "## q\n\n答案：±".into(),
        "## q\n\n答案：1 ± -1".into(),
        "## q\n\n要点：\n禁用词：".into(),
        "## q\n\n要点：\n- a…\n错误做法：\n- …（上限）\n示例：\n- 满分：\n- ：".into(),
        "## q {platform=}\n\n要点：a\n\n禁用词：b（除外：b、（除外：b））".into(),
        "## q\n\n| a |\n| - |\n".into(),
        "## q\n\n1. [x]\n1. [ ]\n".into(),
        "# [a](p.md)\n".into(),
        "# [a](p.md#x) {draw=1}\n## q\n答案：对".into(),
        "#".repeat(10_000),
        "- ".repeat(5_000),
        "> ".repeat(5_000),
        "{{".repeat(5_000),
        "1. [x] a\n".repeat(2_000),
        "## 题\n\n".repeat(2_000),
        // Deep nesting: the model is recursive, so it must be bounded.
        format!("## q\n\n{}x\n\n答案：对\n", "> ".repeat(20_000)),
        format!("## q\n\n{}x\n\n答案：对\n", "- 1. ".repeat(3_000)),
        format!("## q\n\n{}x\n\n答案：对\n", "> - ".repeat(3_000)),
        format!(
            "## q\n\n{}x{}\n\n答案：对\n",
            "*".repeat(50_000),
            "*".repeat(50_000)
        ),
        format!(
            "## q\n\n{}x{}\n\n答案：对\n",
            "*a **b ".repeat(10_000),
            "** c*".repeat(10_000)
        ),
        format!(
            "## q\n\n{}x{}\n\n答案：对\n",
            "[a *".repeat(10_000),
            "*](y)".repeat(10_000)
        ),
        format!(
            "## {}x{}\n\n答案：对\n",
            "~~".repeat(20_000),
            "~~".repeat(20_000)
        ),
    ];
    // 1 MiB of stack, like a browser's main thread, in a debug build with its large frames.
    std::thread::Builder::new()
        .stack_size(1 << 20)
        .spawn(move || {
            for (i, text) in cases.iter().enumerate() {
                every_parser(text, i as u64);
                course_from(text, text, text, text, i as u64);
            }
        })
        .unwrap()
        .join()
        .unwrap();
}
