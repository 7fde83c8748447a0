//! A screen's async work stops when its screen goes (src/app/programs.rs): a task that resumes
//! after its program left the page reads state that is gone, and the page panics. So the app
//! spawns with `spawn_local_scoped_with_cancellation`; a plain `spawn_local` must say, in a
//! comment just above it, why it has to outlive its screen (a file write, a camera to stop).

use std::path::Path;

/// `file:line` of each plain `spawn_local(` with no comment in the three lines above it.
fn unexplained_spawns(file: &str, src: &str) -> Vec<String> {
    let lines: Vec<&str> = src.lines().collect();
    lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.contains("spawn_local(") && !l.trim_start().starts_with("//"))
        .filter(|(i, _)| {
            !lines[i.saturating_sub(3)..*i]
                .iter()
                .any(|l| l.trim_start().starts_with("//"))
        })
        .map(|(i, _)| format!("{file}:{}", i + 1))
        .collect()
}

fn app_sources(dir: &Path, out: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).expect("src/app is readable") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            app_sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let src = std::fs::read_to_string(&path).expect("a source file");
            out.push((path.display().to_string(), src));
        }
    }
}

#[test]
fn every_plain_spawn_in_the_app_says_why_it_outlives_its_screen() {
    let mut files = Vec::new();
    app_sources(Path::new("src/app"), &mut files);
    assert!(files.len() > 10, "src/app was read");
    let found: Vec<String> = files
        .iter()
        .flat_map(|(f, s)| unexplained_spawns(f, s))
        .collect();
    assert!(
        found.is_empty(),
        "spawn with spawn_local_scoped_with_cancellation, or say why not: {found:?}"
    );
}

#[test]
fn an_unexplained_spawn_is_found_and_an_explained_or_cancelled_one_is_not() {
    let planted = "fn f() {\n    let x = 1;\n    leptos::task::spawn_local(async move {});\n}\n";
    assert_eq!(unexplained_spawns("a.rs", planted), ["a.rs:3"]);
    let explained = "fn f() {\n    // A write finishes even if the screen goes.\n    leptos::task::spawn_local(async move {});\n}\n";
    assert!(unexplained_spawns("a.rs", explained).is_empty());
    let cancelled =
        "fn f() {\n    let x = 1;\n    spawn_local_scoped_with_cancellation(async move {});\n}\n";
    assert!(unexplained_spawns("a.rs", cancelled).is_empty());
}
