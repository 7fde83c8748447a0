//! The editor's checker is the terminal checker: `check_bank` gives, for one bank file, the
//! same problems and hints that `bankcheck FILE` prints. And the import screen's column
//! mapping: the columns as detected, and a trainer's correction as `bankcheck --map` takes it.

use kefu_exam::engine::bank::library::Files;
use kefu_exam::engine::convert::sheet::{self, Field, Mapping};
use kefu_exam::engine::convert::{self, Level, Place};
use kefu_exam::engine::lint::check::check_bank;
use std::path::Path;
use std::process::Command;

/// Every .md file of `dir` (relative to the crate), as bankcheck reads a bank's folder.
fn folder(dir: &str) -> Files {
    let mut files = Files::new();
    for e in std::fs::read_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join(dir)).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "md") {
            let name = format!("{dir}/{}", p.file_name().unwrap().to_string_lossy());
            files.insert(name, Some(std::fs::read_to_string(&p).unwrap()));
        }
    }
    files
}

#[test]
fn check_bank_prints_what_bankcheck_prints_for_one_file() {
    let cases = [
        ("tests/browser/site", "broken.md"),
        ("tests/browser/site", "basic.md"),
        ("tests/browser/site", "reply-jd-bank.md"),
        ("tests/fixtures/lint", "guessable.md"),
        ("tests/fixtures/lint", "silenced.md"),
        ("exams", "09-replies.md"),
        ("exams", "final-exam.md"),
    ];
    for (dir, name) in cases {
        let path = format!("{dir}/{name}");
        let out = Command::new(env!("CARGO_BIN_EXE_bankcheck"))
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .arg(&path)
            .output()
            .unwrap();
        let printed: Vec<String> = String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .take_while(|l| !l.is_empty())
            .map(str::to_string)
            .collect();
        let checked: Vec<String> = check_bank(&path, &folder(dir))
            .diagnostics
            .iter()
            .map(|d| d.to_string())
            .collect();
        assert_eq!(checked, printed, "{path}");
    }
}

fn gbk_rows() -> Vec<Vec<String>> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/convert");
    let bytes = std::fs::read(dir.join("excel-gbk.csv")).unwrap();
    convert::sheet_rows("excel-gbk.csv", &bytes)
        .unwrap()
        .unwrap()
}

#[test]
fn the_columns_are_shown_as_the_import_reads_them() {
    let cols = sheet::columns(&gbk_rows(), &Mapping::default());
    assert_eq!(cols.header_row, Some(1));
    assert_eq!(cols.headers[10], "难度");
    assert_eq!(cols.fields[0], Some(Field::Type));
    assert_eq!(cols.fields[2], Some(Field::Stem));
    assert_eq!(cols.fields[3], Some(Field::Option(0)));
    assert_eq!(cols.fields[10], None);

    let xlsx = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/convert/template.xlsx"),
    )
    .unwrap();
    let rows = convert::sheet_rows("template.xlsx", &xlsx)
        .unwrap()
        .unwrap();
    let cols = sheet::columns(&rows, &Mapping::default());
    assert_eq!(cols.header_row, Some(2), "a title row above the header");
    assert_eq!(cols.fields[1], Some(Field::Stem));

    // Not a sheet: no columns.
    assert!(convert::sheet_rows("a.gift", b"::q:: x {T}").is_none());
}

#[test]
fn a_corrected_column_is_one_override_that_the_import_follows() {
    let rows = gbk_rows();
    let detected = sheet::columns(&rows, &Mapping::default()).fields;
    let mut wanted = detected.clone();
    wanted[10] = Some(Field::Tags); // 难度 as tags
    wanted[8] = None; // 解析 left out
    let m = sheet::mapping_for(&detected, &wanted);
    assert_eq!(m.spec(), "I=忽略,标签=K");
    assert_eq!(
        Mapping::parse(&m.spec()).unwrap(),
        m,
        "the CLI reads it back"
    );
    assert_eq!(sheet::columns(&rows, &m).fields, {
        let mut w = wanted.clone();
        w[8] = Some(Field::Ignore);
        w
    });
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/convert");
    let bytes = std::fs::read(dir.join("excel-gbk.csv")).unwrap();
    let done = convert::import("excel-gbk.csv", &bytes, &m).unwrap();
    assert!(done.markdown.contains("tags=易"), "{}", done.markdown);
    assert!(
        !done.markdown.contains("以店铺承诺为准"),
        "{}",
        done.markdown
    );
    assert!(!done
        .report
        .notes
        .iter()
        .any(|n| n.level == Level::Info && n.place == Place::Row(1) && n.message.contains("难度")));
    // Nothing changed: no overrides.
    assert!(sheet::mapping_for(&detected, &detected)
        .overrides
        .is_empty());
}
