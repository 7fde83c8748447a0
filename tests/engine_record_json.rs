//! Attempt records through any JSON codec: the typed migration of schema 0 and 1 records gives
//! what the earlier JSON-tree migration gave (golden files written by it), it runs for any
//! serde deserializer, and text written the browser's way (`JSON.stringify`, whole numbers
//! without `.0`) reads back natively with the same shape.

mod common;

use common::*;
use kefu_exam::engine::attempt::attempt::{AttemptRecord, SCHEMA_VERSION};
use kefu_exam::engine::attempt::report::{export_json, import_json};
use kefu_exam::engine::text::json::{Codec, SerdeJson};
use kefu_exam::engine::trainer::cohort::{read_file, FileRead};
use serde_json::Value;

/// JSON values equal with numbers compared as numbers (`2` and `2.0` are the same points).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same(v, w)))
        }
        _ => a == b,
    }
}

#[test]
fn schema_0_and_1_records_load_as_the_json_tree_migration_loaded_them() {
    for v in ["schema0", "schema1"] {
        let old = fixture(&format!("records/{v}.json"));
        let golden = fixture(&format!("records/{v}.migrated.json"));
        let rec = AttemptRecord::from_json(&old).unwrap();
        assert_eq!(rec, AttemptRecord::from_json(&golden).unwrap(), "{v}");
        // Written again it is the same text the old code wrote.
        assert_eq!(rec.to_json(), golden.trim_end(), "{v}");
        assert_eq!(rec.schema, SCHEMA_VERSION);
    }
}

#[test]
fn the_migration_runs_for_any_deserializer_not_only_text() {
    // Deserialised from a value tree (not from text), as serde-wasm-bindgen does in the browser.
    let tree: Value = serde_json::from_str(&fixture("records/schema0.json")).unwrap();
    let rec: AttemptRecord = serde_json::from_value(tree).unwrap();
    assert_eq!(rec.trainee.employee_no, "KF-001");
    assert_eq!(rec.clock.seen, 1_795_395_660_000, "the submission time");
    assert_eq!(
        rec,
        AttemptRecord::from_json(&fixture("records/schema0.migrated.json")).unwrap()
    );
}

#[test]
fn a_schema_1_record_without_show_answers_is_refused_and_names_the_field() {
    let text = fixture("records/schema1.json").replace("\"show_answers\"", "\"show\"");
    let err = AttemptRecord::from_json(&text).unwrap_err();
    assert!(
        err.contains("格式不对") && err.contains("show_answers"),
        "{err}"
    );
}

#[test]
fn a_newer_record_is_named_as_newer_even_when_its_fields_changed_shape() {
    let err = AttemptRecord::from_json(r#"{"schema": 3, "trainee": 5}"#).unwrap_err();
    assert!(err.contains("schema 3") && err.contains("更新"), "{err}");
}

#[test]
fn an_export_written_by_the_browser_reads_natively_with_the_same_shape() {
    // Downloaded from the wasm build (tests/browser/json.test.mjs writes such a file):
    // JSON.stringify prints `"points":1` where serde_json prints `1.0`.
    let text = fixture("records/browser-export.json");
    let (records, problems) = import_json(&text).unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(records.len(), 1);
    assert!(records[0].is_submitted() && records[0].result.is_some());
    let browser: Value = serde_json::from_str(&text).unwrap();
    let exported_at = browser["exported_at"].as_i64().unwrap();
    let native: Value = serde_json::from_str(&export_json(&records, exported_at)).unwrap();
    assert!(same(&browser, &native), "{browser}\n{native}");
    // And the trainer desk's reader takes it.
    let FileRead::Loaded { attempts, .. } = read_file(&text) else {
        panic!("refused")
    };
    assert_eq!(attempts, records);
}

#[test]
fn a_cut_off_file_is_reported_as_truncated_with_its_line() {
    let text = fixture("records/schema1.json");
    let cut = &text[..text.len() / 2];
    let e = SerdeJson::parse(cut).unwrap_err();
    assert!(e.eof && e.line > 1, "{e:?}");
    assert!(!e.message.contains(" at line "), "position said once: {e}");
}
