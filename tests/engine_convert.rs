//! Imports and exports (issue 24): every bank of the course through a sheet (CSV and .xlsx),
//! GIFT and Moodle XML and back is the same bank for the types each format holds; hand-written
//! fixtures of each format import with the expected counts and refusals; no input panics.

mod common;

use kefu_exam::engine::bank::bank::Bank;
use kefu_exam::engine::bank::parse::parse_bank;
use kefu_exam::engine::bank::redlines::is_redline_file;
use kefu_exam::engine::convert::{self, sheet::Mapping, ExportFormat, Level, Place};
use kefu_exam::engine::question::concepts::is_concept_file;
use kefu_exam::engine::question::{Kind, Question};
use kefu_exam::engine::text::diagnostics::has_errors;
use kefu_exam::engine::text::rich::{blocks_text, inline_text};
use kefu_exam::engine::typing::bank::is_typing_file;
use proptest::prelude::*;
use std::path::Path;

/// What a format holds beyond text, type and answer.
#[derive(Clone, Copy)]
struct Holds {
    points: bool,
    tags: bool,
    match_head: bool,
    unit: bool,
    scoring_all: bool,
    option_feedback: bool,
}

impl Holds {
    const SHEET: Holds = Holds {
        points: true,
        tags: true,
        match_head: true,
        unit: true,
        scoring_all: false,
        option_feedback: false,
    };
    const GIFT: Holds = Holds {
        points: false,
        tags: false,
        match_head: false,
        unit: false,
        scoring_all: false,
        option_feedback: true,
    };
    const XML: Holds = Holds {
        points: true,
        tags: true,
        match_head: false,
        unit: true,
        scoring_all: false,
        option_feedback: true,
    };
}

/// What "the same question" means for a round trip: its text, type, answer and points.
fn signature(q: &Question, holds: Holds) -> String {
    let kind = match &q.kind {
        Kind::Choice(c) => format!(
            "choice multiple={} scoring={:?} {:?}",
            c.multiple,
            if holds.scoring_all {
                Some(c.scoring)
            } else {
                None
            },
            c.options
                .iter()
                .map(|o| (
                    blocks_text(&o.content),
                    o.correct,
                    holds.option_feedback.then(|| blocks_text(&o.explanation))
                ))
                .collect::<Vec<_>>()
        ),
        Kind::TrueFalse(t) => format!("tf {}", t.answer),
        Kind::Fill(f) => format!("fill {:?}", f.blanks),
        Kind::Order(o) => format!(
            "order {:?}",
            o.items.iter().map(|b| blocks_text(b)).collect::<Vec<_>>()
        ),
        Kind::Match(m) => format!(
            "match {:?} {:?}",
            holds
                .match_head
                .then(|| (inline_text(&m.left_title), inline_text(&m.right_title))),
            m.pairs
                .iter()
                .map(|(a, b)| (inline_text(a), inline_text(b)))
                .collect::<Vec<_>>()
        ),
        Kind::Numeric(n) => format!(
            "numeric {} {} {:?}",
            n.value,
            n.tolerance,
            n.unit.as_ref().filter(|_| holds.unit)
        ),
        Kind::Reply(r) => format!(
            "reply {:?} {:?} {:?} {:?} {:?}",
            r.keypoints,
            r.as_written,
            r.forbidden,
            r.wrong,
            r.examples
                .iter()
                .map(|e| (&e.text, e.expected))
                .collect::<Vec<_>>()
        ),
    };
    format!(
        "{} | {} | {} | {} | points={:?} | id={} | tags={:?} | {}",
        inline_text(&q.title),
        blocks_text(&q.stem),
        kind,
        blocks_text(&q.explanation),
        holds.points.then_some(q.points),
        if q.explicit_id { &q.id[..] } else { "" },
        if holds.tags { &q.tags[..] } else { &[] },
        q.kind.type_name().code()
    )
}

/// The course's question banks (not the typing bank, the red-line lists or the index).
fn course_banks() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("exams");
    let mut out = Vec::new();
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".md") && n != "FORMAT.md" && n != "REVIEW.md" && n != "index.md")
        .collect();
    names.sort();
    for n in names {
        let text = std::fs::read_to_string(dir.join(&n)).unwrap();
        if is_typing_file(&text) || is_redline_file(&text) || is_concept_file(&text) {
            continue;
        }
        // Composite exams hold links to other banks, whose questions make their own trips.
        let (bank, _) = parse_bank(&n, &text);
        if bank.imports().next().is_some() {
            continue;
        }
        out.push((format!("exams/{n}"), text));
    }
    out
}

struct Trip {
    questions: usize,
    same: usize,
    refused: usize,
    differ: Vec<String>,
}

/// Exports every course bank to `format`, imports it back, and compares question by question
/// (by explicit id: every course question has one).
fn round_trip(format: ExportFormat, ext: &str) -> Trip {
    round_trip_with(format, ext, Holds::SHEET)
}

fn round_trip_with(format: ExportFormat, ext: &str, holds: Holds) -> Trip {
    let mut t = Trip {
        questions: 0,
        same: 0,
        refused: 0,
        differ: Vec::new(),
    };
    for (path, text) in course_banks() {
        let (bank, diags) = parse_bank(&path, &text);
        assert!(!has_errors(&diags), "{path}: {diags:?}");
        let (bytes, report) = convert::export(&path, &text, format).unwrap();
        let refused_ids: Vec<String> = report
            .notes
            .iter()
            .filter(|n| n.level == Level::Refused)
            .filter_map(|n| match &n.place {
                Place::Question(_, id) => Some(id.clone()),
                _ => None,
            })
            .collect();
        t.refused += refused_ids.len();
        if refused_ids.len() == bank.question_count() {
            // Nothing of this bank fits the format (the reply bank in GIFT).
            t.questions += bank.question_count();
            continue;
        }
        let name = format!("{}.{ext}", path.trim_end_matches(".md"));
        let back = convert::import(&name, &bytes, &Mapping::default()).unwrap();
        assert_eq!(
            back.report.errors(),
            0,
            "{path} via {ext}:\n{}\n{}",
            back.report,
            back.markdown
        );
        assert_eq!(
            back.report.refused(),
            0,
            "{path} via {ext}:\n{}",
            back.report
        );
        let (again, _) = parse_bank(&path, &back.markdown);
        for q in bank.questions() {
            t.questions += 1;
            if refused_ids.contains(&q.id) {
                continue;
            }
            match again.questions().find(|b| b.id == q.id) {
                Some(b) if signature(b, holds) == signature(q, holds) => t.same += 1,
                Some(b) => t.differ.push(format!(
                    "{path} {}:\n  was {}\n  now {}",
                    q.id,
                    signature(q, holds),
                    signature(b, holds)
                )),
                None => t
                    .differ
                    .push(format!("{path} {}: missing after the trip", q.id)),
            }
        }
        // Nothing comes back that was not sent.
        assert_eq!(
            again.question_count() + refused_ids.len(),
            bank.question_count(),
            "{path} via {ext}"
        );
    }
    t
}

fn check_trip(name: &str, t: &Trip, min_same: usize) {
    eprintln!(
        "{name}: {} questions, {} came back the same, {} refused by the export, {} differ",
        t.questions,
        t.same,
        t.refused,
        t.differ.len()
    );
    assert!(t.differ.is_empty(), "{name}:\n{}", t.differ.join("\n"));
    assert_eq!(t.same + t.refused, t.questions, "{name}");
    assert!(t.same >= min_same, "{name}: only {} the same", t.same);
}

#[test]
fn every_course_bank_survives_a_csv_round_trip() {
    let t = round_trip(ExportFormat::Csv, "csv");
    // Every question of the course fits the sheet (up to 8 options, no ；or | in fill answers).
    check_trip("csv", &t, t.questions);
    assert_eq!(t.refused, 0);
}

#[test]
fn every_course_bank_survives_an_xlsx_round_trip() {
    let t = round_trip(ExportFormat::Xlsx, "xlsx");
    check_trip("xlsx", &t, t.questions);
    assert_eq!(t.refused, 0);
}

fn import_str(name: &str, text: &str) -> convert::Imported {
    convert::import(name, text.as_bytes(), &Mapping::default()).unwrap()
}

fn parsed(done: &convert::Imported) -> Bank {
    let (bank, diags) = parse_bank("out.md", &done.markdown);
    assert!(!has_errors(&diags), "{diags:?}\n{}", done.markdown);
    bank
}

fn refused_rows(done: &convert::Imported) -> Vec<usize> {
    done.report
        .notes
        .iter()
        .filter(|n| n.level == Level::Refused)
        .map(|n| match n.place {
            Place::Row(r) | Place::Line(r) => r,
            _ => 0,
        })
        .collect()
}

#[test]
fn a_gbk_csv_as_excel_saves_it_imports() {
    let bytes = std::fs::read(common::fixtures_dir().join("convert/excel-gbk.csv")).unwrap();
    assert!(
        std::str::from_utf8(&bytes).is_err(),
        "the fixture must be GBK"
    );
    let done = convert::import("excel-gbk.csv", &bytes, &Mapping::default()).unwrap();
    let bank = parsed(&done);
    assert_eq!(bank.question_count(), 6, "{}", done.report);
    assert_eq!(refused_rows(&done), vec![8, 9], "{}", done.report);
    assert!(done.report.failed());
    let counts = bank.count_by_type();
    assert_eq!(counts.values().sum::<usize>(), 6);
    assert!(done.markdown.contains("## 顾客拍下后多久内要发货？"));
    assert!(done.markdown.contains("# 发货规则"));
}

#[test]
fn an_xlsx_written_by_a_spreadsheet_library_imports() {
    let bytes = std::fs::read(common::fixtures_dir().join("convert/template.xlsx")).unwrap();
    let done = convert::import("template.xlsx", &bytes, &Mapping::default()).unwrap();
    let bank = parsed(&done);
    assert_eq!(
        bank.question_count(),
        5,
        "{}\n{}",
        done.report,
        done.markdown
    );
    assert_eq!(refused_rows(&done), vec![7], "{}", done.report);
}

/// Pieces of every input format, mixed at random: CSV cells and quotes, GIFT marks and
/// escapes, XML tags and entities, bank and quizdown Markdown.
const FRAGMENTS: &[&str] = &[
    "题型,题干,选项A,选项B,答案\n",
    "\"",
    "\"\"",
    ",",
    "\n",
    "\r\n",
    "\t",
    "单选",
    "多选",
    "判断",
    "填空",
    "排序",
    "连线",
    "数值",
    "情景回复",
    "简答",
    "A",
    "ABD",
    "对",
    "×",
    "____",
    "（ ）",
    "|",
    "；",
    "→",
    "±",
    "要点：\n- a\n",
    "{",
    "}",
    "{{",
    "}}",
    "=",
    "~",
    "#",
    "####",
    "%50%",
    "%-100%",
    "->",
    "::",
    "::q::",
    "\\",
    "\\:",
    "[html]",
    "[markdown]",
    "$CATEGORY: a/b",
    "{T}",
    "{#1..5}",
    "{#2:0.5}",
    "{}",
    "// c\n",
    "<quiz>",
    "</quiz>",
    "<question type=\"multichoice\">",
    "<question type=\"cloze\">",
    "<question type=\"essay\">",
    "</question>",
    "<questiontext format=\"html\"><text>",
    "</text></questiontext>",
    "<answer fraction=\"100\">",
    "<answer fraction=\"-50\">",
    "<text>",
    "</text>",
    "</answer>",
    "<![CDATA[",
    "]]>",
    "&amp;",
    "&#x1F600;",
    "&#99999999;",
    "<!--",
    "-->",
    "<?xml?>",
    "{1:SHORTANSWER:=a~=b}",
    "{1:MC:~a}",
    "ANSWER: B\n",
    "A. ",
    "B) ",
    "---\n",
    "# ",
    "## ",
    "#### ",
    "- [x] ",
    "1. [ ] ",
    "1. ",
    "> ",
    "$x$",
    "$$\n",
    "```\n",
    "shuffleAnswers: false\n",
    "中文",
    " ",
    "\u{feff}",
    "\u{0}",
    "é",
];

fn mixed() -> impl Strategy<Value = String> {
    proptest::collection::vec(prop::sample::select(FRAGMENTS), 0..60).prop_map(|v| v.concat())
}

/// Text that is hard on every format: Markdown, GIFT and CSV specials, maths, HTML. (Emphasis
/// runs stand apart: two touching runs, `*b*_c_`, are written back as `*b**c*`, which reads
/// differently; the course has none.)
const NASTY: &[&str] = &[
    "顾客",
    "a",
    " *b* ",
    " _c_ ",
    "`d`",
    "<b>e</b>",
    "&amp;",
    "\\",
    "\\*",
    ",",
    "\"",
    "=",
    "~",
    "#",
    ":",
    "%",
    "$x$",
    "->",
    "→",
    "|",
    "；",
    "[f](http://x)",
    "{",
    "}",
    "1.",
    "-",
    ">",
    "!",
    "____",
    "（ ）",
    "ANSWER:",
    " ",
    "9:00",
];

fn nasty() -> impl Strategy<Value = String> {
    proptest::collection::vec(prop::sample::select(NASTY), 1..6)
        .prop_map(|v| v.concat())
        .prop_filter("not blank", |s| !s.trim().is_empty())
}

/// A valid question of a random type with nasty text.
fn question() -> impl Strategy<Value = String> {
    (nasty(), nasty(), nasty(), nasty(), 0..7u8, nasty()).prop_map(|(t, a, b, c, kind, e)| {
        // Items start with text: a leading `>` or `1.` would nest a block in the item, which
        // the one-line cells of every format flatten (and the export reports).
        let (a, b, c) = (format!("项{a}"), format!("项{b}"), format!("项{c}"));
        let one = |s: &str| s.replace(['{', '}', '|', '\n'], "x");
        let answer = match kind {
            0 => format!("1. [x] {a}\n1. [ ] {b}\n1. [ ] {c}"),
            1 => format!("- [x] {a}\n- [x] {b}\n- [ ] {c}"),
            2 => "答案：对".to_string(),
            3 => format!("填空 {{{{{}}}}}", one(&a).replace('}', "")),
            4 => format!("1. {a}\n2. {b}\n3. {c}"),
            5 => format!(
                "| 左 | 右 |\n| --- | --- |\n| {} | {} |\n| {} | {} |",
                one(&a),
                one(&b),
                one(&c),
                one(&a) + "2"
            ),
            _ => "答案：14 ± 0.5\n单位：小时".to_string(),
        };
        format!("## {t}\n\n{answer}\n\n> {e}\n")
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn what_we_export_imports_without_errors(qs in proptest::collection::vec(question(), 1..5)) {
        let bank = format!("---\ntitle: t\n---\n\n{}", qs.join("\n"));
        let (parsed_bank, diags) = parse_bank("t.md", &bank);
        prop_assume!(!has_errors(&diags));
        for (format, ext, holds) in [(ExportFormat::Gift, "gift", Holds::GIFT), (ExportFormat::MoodleXml, "xml", Holds::XML), (ExportFormat::Csv, "csv", Holds::SHEET)] {
            let (bytes, report) = convert::export("t.md", &bank, format).unwrap();
            if report.converted == 0 {
                continue;
            }
            let back = convert::import(&format!("t.{ext}"), &bytes, &Mapping::default()).unwrap();
            prop_assert_eq!(back.report.errors(), 0, "{} via {}:\n{}\n{}\n{}", bank, ext, back.report, back.markdown, String::from_utf8_lossy(&bytes));
            prop_assert_eq!(back.report.refused(), 0, "{} via {}:\n{}", bank, ext, back.report);
            prop_assert_eq!(back.report.converted, report.converted, "{}", ext);
            let refused: Vec<&str> = report.notes.iter().filter(|n| n.level == Level::Refused)
                .filter_map(|n| match &n.place { Place::Question(_, id) => Some(id.as_str()), _ => None }).collect();
            let (again, _) = parse_bank("t.md", &back.markdown);
            let sent = parsed_bank.questions().filter(|q| !refused.contains(&q.id.as_str()));
            for (a, b) in sent.zip(again.questions()) {
                let (a, b) = (signature(a, holds), signature(b, holds));
                // Derived ids differ when the text does; compare without them.
                prop_assert_eq!(&a, &b, "via {}:\n{}\n{}", ext, String::from_utf8_lossy(&bytes), back.markdown);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn no_input_panics(bytes in proptest::collection::vec(any::<u8>(), 0..400),
                       ext in prop::sample::select(vec!["csv", "xlsx", "gift", "txt", "xml", "md"])) {
        let _ = convert::import(&format!("x.{ext}"), &bytes, &Mapping::default());
    }

    #[test]
    fn no_mix_of_format_pieces_panics(text in mixed(),
                       ext in prop::sample::select(vec!["csv", "gift", "txt", "xml", "md"])) {
        if let Ok(done) = convert::import(&format!("x.{ext}"), text.as_bytes(), &Mapping::default()) {
            // Whatever came in, the bank that comes out is what the report says it is.
            let (bank, _) = parse_bank("x.md", &done.markdown);
            prop_assert_eq!(bank.question_count(), done.report.converted);
        }
    }

    #[test]
    fn no_bank_panics_an_export(text in mixed()) {
        for format in [ExportFormat::Gift, ExportFormat::MoodleXml, ExportFormat::Csv] {
            if let Ok((bytes, _)) = convert::export("x.md", &text, format) {
                let ext = match format { ExportFormat::Gift => "gift", ExportFormat::MoodleXml => "xml", _ => "csv" };
                let _ = convert::import(&format!("x.{ext}"), &bytes, &Mapping::default());
            }
        }
    }
}

#[test]
fn every_gift_construct_of_moodles_documentation_imports() {
    let text = common::fixture("convert/moodle-doc-constructs.gift");
    let done = import_str("moodle-doc-constructs.gift", &text);
    let bank = parsed(&done);
    assert_eq!(
        bank.question_count(),
        17,
        "{}\n{}",
        done.report,
        done.markdown
    );
    // The essay and the unclosed answer block.
    let refused = refused_rows(&done);
    assert_eq!(refused.len(), 2, "{}", done.report);
    let types: Vec<&str> = bank
        .questions()
        .map(|q| q.kind.type_name().code())
        .collect();
    assert_eq!(
        types,
        [
            "single", "multiple", "multiple", "tf", "tf", "fill", "fill", "match", "single",
            "fill", "numeric", "numeric", "numeric", "single", "single", "single", "tf"
        ],
        "{}",
        done.markdown
    );
    let q: Vec<&Question> = bank.questions().collect();
    assert_eq!(q[0].id, "q-mc");
    assert_eq!(bank.sections[0].title.len(), 1);
    assert_eq!(inline_text(&bank.sections[0].title), "客服基础");
    // The first option's feedback.
    let Kind::Choice(c) = &q[0].kind else {
        panic!()
    };
    assert_eq!(blocks_text(&c.options[0].explanation), "对，先核实再答复。");
    let Kind::Numeric(n) = &q[11].kind else {
        panic!()
    };
    assert_eq!((n.value, n.tolerance), (90.0, 15.0));
    assert_eq!(
        inline_text(&q[15].title),
        "比例写成 1:2、算式 a=b、花括号 {x} 和井号 # 的题"
    );
    assert_eq!(blocks_text(&q[15].explanation), "总体反馈：记住转义。");
    assert_eq!(inline_text(&q[13].title), "顾客说“快点发货”，客服应该？");
    assert!(done.markdown.contains("客服早班 ____ 开始接待顾客。"));
    let text_of = |l: Level| done.report.notes.iter().filter(|n| n.level == l).count();
    assert!(text_of(Level::Changed) >= 5, "{}", done.report);
    assert!(done.report.to_string().contains("description"));
}

#[test]
fn every_course_bank_survives_a_gift_round_trip() {
    let t = round_trip_with(ExportFormat::Gift, "gift", Holds::GIFT);
    check_trip("gift", &t, 200);
}

#[test]
fn every_moodle_xml_construct_of_moodles_documentation_imports() {
    let text = common::fixture("convert/moodle-doc-constructs.xml");
    let done = import_str("moodle-doc-constructs.xml", &text);
    let bank = parsed(&done);
    let types: Vec<&str> = bank
        .questions()
        .map(|q| q.kind.type_name().code())
        .collect();
    assert_eq!(
        types,
        [
            "single", "multiple", "tf", "fill", "numeric", "match", "fill", "order", "reply",
            "single"
        ],
        "{}\n{}",
        done.report,
        done.markdown
    );
    // The cloze choice gap, the essay without a rubric, calculated, ddwtos.
    assert_eq!(refused_rows(&done).len(), 4, "{}", done.report);
    let q: Vec<&Question> = bank.questions().collect();
    assert_eq!(q[0].id, "q-mc");
    assert_eq!(q[0].points, 2.0);
    assert_eq!(q[0].tags, ["发货", "催单"]);
    assert_eq!(inline_text(&q[0].title), "顾客催发货时，客服先做什么？");
    assert_eq!(blocks_text(&q[0].explanation), "先核实再答复。");
    let Kind::Fill(f) = &q[3].kind else { panic!() };
    assert_eq!(f.blanks, [vec!["75".to_string(), "七十五".into()]]);
    let Kind::Numeric(n) = &q[4].kind else {
        panic!()
    };
    assert_eq!(
        (n.value, n.tolerance, n.unit.as_deref()),
        (14.0, 0.5, Some("小时"))
    );
    let Kind::Match(m) = &q[5].kind else { panic!() };
    assert_eq!(m.pairs.len(), 3);
    let Kind::Fill(f) = &q[6].kind else { panic!() };
    assert_eq!(
        f.blanks,
        [
            vec!["9点".to_string(), "9:00".into()],
            vec!["23点".to_string()]
        ]
    );
    // The script is gone, the embedded image is named in the report.
    assert!(!done.markdown.contains("alert"));
    let report = done.report.to_string();
    for said in [
        "script",
        "img",
        "hint",
        "correctfeedback",
        "description",
        "calculated",
        "ddwtos",
    ] {
        assert!(report.contains(said), "{said}: {report}");
    }
    assert_eq!(inline_text(&bank.sections[0].title), "客服基础");
}

#[test]
fn every_course_bank_survives_a_moodle_xml_round_trip() {
    let t = round_trip_with(ExportFormat::MoodleXml, "xml", Holds::XML);
    // Every type has a Moodle counterpart (replies as essays with the rubric as grader info).
    check_trip("moodle xml", &t, t.questions);
    assert_eq!(t.refused, 0);
}

#[test]
fn a_quizdown_file_as_its_documentation_writes_it_imports() {
    let text = common::fixture("convert/quizdown-syntax-page.md");
    // As a bank, the mixed heading levels make sections of most questions.
    let (_, before) = parse_bank("quizdown-syntax-page.md", &text);
    assert!(has_errors(&before));
    let done = import_str("quizdown-syntax-page.md", &text);
    let bank = parsed(&done);
    let types: Vec<&str> = bank
        .questions()
        .map(|q| q.kind.type_name().code())
        .collect();
    assert_eq!(
        types,
        ["single", "multiple", "order", "single", "multiple"],
        "{}",
        done.markdown
    );
    assert_eq!(done.report.refused(), 0);
    assert_eq!(bank.settings.draw, Some(3));
    assert!(bank.settings.shuffle_questions);
    let q: Vec<&Question> = bank.questions().collect();
    // Maths are kept as written, as code, and reported.
    assert_eq!(inline_text(&q[3].title), "满 $x$ 元包邮，$x$ 是多少？");
    assert!(blocks_text(&q[3].stem).contains("x = \\frac{198}{2}"));
    let Kind::Choice(c) = &q[3].kind else {
        panic!()
    };
    assert_eq!(blocks_text(&c.options[0].content), "答案：$x=99$");
    // The code block's `#` line stays code, not a question.
    assert!(blocks_text(&q[4].stem).contains("# 一个 python 列表"));
    let report = done.report.to_string();
    assert!(report.contains("shuffleAnswers"), "{report}");
    assert!(report.contains("$$"), "{report}");
    assert!(report.contains("####"), "{report}");
}

#[test]
fn imported_text_meets_the_banks_markdown_safety() {
    let csv = "题型,题干,选项A,选项B,答案,解析\n单选,\"<script>alert(1)</script>[点我](javascript:alert(1))\",<img src=x onerror=alert(1)>,b,A,\"[x](data:text/html;base64,AAAA)\"\n";
    let done = import_str("evil.csv", csv);
    let bank = parsed(&done);
    let q = bank.questions().next().unwrap();
    fn links(inl: &[kefu_exam::engine::text::rich::Inline], out: &mut Vec<Option<String>>) {
        use kefu_exam::engine::text::rich::Inline;
        for i in inl {
            match i {
                Inline::Link { href, children } => {
                    out.push(href.clone());
                    links(children, out);
                }
                Inline::Emph(c) | Inline::Strong(c) | Inline::Strike(c) => links(c, out),
                _ => {}
            }
        }
    }
    let mut found = Vec::new();
    links(&q.title, &mut found);
    for b in &q.explanation {
        if let kefu_exam::engine::text::rich::Block::Para(i) = b {
            links(i, &mut found);
        }
    }
    // The links are kept as text only; the HTML is text, never markup.
    assert_eq!(found, [None, None], "{}", done.markdown);
    assert!(inline_text(&q.title).contains("<script>"));
    assert_eq!(done.report.errors(), 0);
}

#[test]
fn bankcheck_imports_and_exports_from_a_terminal() {
    use std::process::Command;
    let bin = env!("CARGO_BIN_EXE_bankcheck");
    let fixtures = common::fixtures_dir().join("convert");
    // A sheet with refused rows: the bank on stdout, the report on stderr, exit 1.
    let out = Command::new(bin)
        .args(["--import"])
        .arg(fixtures.join("excel-gbk.csv"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let md = String::from_utf8(out.stdout).unwrap();
    let report = String::from_utf8(out.stderr).unwrap();
    assert!(md.starts_with("---\ntitle: excel-gbk\n"), "{md}");
    assert!(report.contains("第 8 行: 未转换"), "{report}");
    assert!(!md.contains("未转换"));
    // A bank to .xlsx (a file) and back: exit 0 both ways, the same questions.
    let dir = std::env::temp_dir().join(format!("kefu-convert-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let xlsx = dir.join("rules.xlsx");
    let bank = Path::new(env!("CARGO_MANIFEST_DIR")).join("exams/02-platform-rules.md");
    let out = Command::new(bin)
        .args(["--export", "xlsx"])
        .arg(&bank)
        .arg("-o")
        .arg(&xlsx)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = Command::new(bin)
        .arg("--import")
        .arg(&xlsx)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (back, _) = parse_bank("rules.md", &String::from_utf8(out.stdout).unwrap());
    let (original, _) = parse_bank("rules.md", &std::fs::read_to_string(&bank).unwrap());
    assert_eq!(back.question_count(), original.question_count());
    // GIFT goes to stdout; ordering questions are refused there, so exit 1.
    let out = Command::new(bin)
        .args(["--export", "gift"])
        .arg(&bank)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8(out.stdout)
        .unwrap()
        .contains("::rules-shift-times::"));
    // An unknown format is a usage error.
    let out = Command::new(bin)
        .args(["--export", "pdf"])
        .arg(&bank)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_aiken_file_imports() {
    let text = common::fixture("convert/aiken.txt");
    let done = import_str("aiken.txt", &text);
    let bank = parsed(&done);
    assert_eq!(bank.question_count(), 3, "{}", done.report);
    assert_eq!(refused_rows(&done), vec![13, 18], "{}", done.report);
    let types: Vec<&str> = bank
        .questions()
        .map(|q| q.kind.type_name().code())
        .collect();
    assert_eq!(types, ["single", "single", "multiple"]);
}

#[test]
fn an_explanation_that_is_a_code_block_survives_every_round_trip() {
    // Found by the property test below: an unclosed `~~~` (an empty code block) came back
    // holding one blank line, and code holding ``` closed its own fence early.
    for explanation in [
        "> ~~~",
        "> ```\n> a ``` b\n> ```",
        "> ```\n> x\n>\n> y\n> ```",
    ] {
        let bank =
            format!("---\ntitle: t\n---\n\n## 问题一\n\n1. [x] 甲\n1. [ ] 乙\n\n{explanation}\n");
        let (parsed, diags) = parse_bank("t.md", &bank);
        assert!(!has_errors(&diags), "{bank}");
        for (format, ext, holds) in [
            (ExportFormat::Gift, "gift", Holds::GIFT),
            (ExportFormat::MoodleXml, "xml", Holds::XML),
            (ExportFormat::Csv, "csv", Holds::SHEET),
        ] {
            let (bytes, _) = convert::export("t.md", &bank, format).unwrap();
            let back = convert::import(&format!("t.{ext}"), &bytes, &Mapping::default()).unwrap();
            let (again, _) = parse_bank("t.md", &back.markdown);
            let (a, b) = (
                parsed.questions().next().unwrap(),
                again.questions().next().unwrap(),
            );
            assert_eq!(
                signature(a, holds),
                signature(b, holds),
                "{explanation:?} via {ext}:\n{}",
                back.markdown
            );
        }
    }
}
