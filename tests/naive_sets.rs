//! The naive-reader check's export: five mixed sets without keys or explanations, and a
//! separate answer key that matches what the sets show.

use std::process::Command;

#[test]
fn the_sets_hold_every_single_choice_and_true_false_question_without_keys() {
    let out = std::env::temp_dir().join(format!("naivesets-{}", std::process::id()));
    let status = Command::new(env!("CARGO_BIN_EXE_naivesets"))
        .args(["exams/", out.to_str().unwrap(), "7"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .status()
        .expect("naivesets runs");
    assert!(status.success());
    let keys = std::fs::read_to_string(out.join("keys.tsv")).unwrap();
    let rows: Vec<Vec<&str>> = keys
        .lines()
        .skip(1)
        .map(|l| l.split('\t').collect())
        .collect();
    assert!(rows.len() > 100, "{}", rows.len());
    // Every set mixes banks, and no set shows a key, an explanation or a source.
    for n in 1..=5 {
        let set = std::fs::read_to_string(out.join(format!("set{n}.md"))).unwrap();
        for hidden in ["[x]", "来源", "答案：对", "答案：错", "> "] {
            assert!(!set.contains(hidden), "set{n} shows {hidden}");
        }
        let banks: std::collections::BTreeSet<&str> = rows
            .iter()
            .filter(|r| r[0] == n.to_string())
            .map(|r| r[2].split('#').next().unwrap())
            .collect();
        assert!(banks.len() >= 5, "set{n}: {banks:?}");
    }
    // Each single-choice key is a letter shown in its set; true/false keys are 对 or 错.
    for r in &rows {
        match r[3] {
            "single" => assert!(["A", "B", "C", "D", "E", "F"].contains(&r[4]), "{r:?}"),
            "tf" => assert!(r[4] == "对" || r[4] == "错", "{r:?}"),
            t => panic!("unexpected type {t}"),
        }
    }
    // The same seed gives the same sets.
    let again = out.join("again");
    Command::new(env!("CARGO_BIN_EXE_naivesets"))
        .args(["exams/", again.to_str().unwrap(), "7"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .status()
        .unwrap();
    assert_eq!(
        keys,
        std::fs::read_to_string(again.join("keys.tsv")).unwrap()
    );
    let _ = std::fs::remove_dir_all(&out);
}
