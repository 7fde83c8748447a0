//! The site's programs (src/site.rs) and what the page needs from them: the loader's table
//! (public/screens.js, generated), a Trunk link and a Cargo binary per program.

use kefu_exam::site::{program_for, screens_js, Program, SCREENS};

#[test]
fn the_loaders_table_is_generated_from_the_list_of_screens() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/public/screens.js");
    let want = screens_js();
    if std::env::var_os("UPDATE").is_some() {
        std::fs::write(path, &want).unwrap();
    }
    let have = std::fs::read_to_string(path).unwrap_or_default();
    assert_eq!(
        have, want,
        "public/screens.js is out of date with src/site.rs: run `UPDATE=1 cargo test --test site`"
    );
}

#[test]
fn every_screen_has_one_program_and_home_is_the_first_screens() {
    for (i, (screen, _)) in SCREENS.iter().enumerate() {
        assert!(
            SCREENS[i + 1..].iter().all(|(s, _)| s != screen),
            "{screen} listed twice"
        );
    }
    assert_eq!(program_for(""), Program::FirstScreen);
    assert_eq!(program_for("#/"), Program::FirstScreen);
    assert_eq!(program_for("#/start/exams%2F01.md"), Program::FirstScreen);
    assert_eq!(program_for("#/begin/exam/exams%2F01.md"), Program::Trainee);
    assert_eq!(program_for("#/result/123-abc"), Program::Trainee);
    assert_eq!(program_for("#/history"), Program::Trainee);
    assert_eq!(program_for("#/desk/"), Program::Trainer);
    assert_eq!(program_for("#/desk/attempt/1"), Program::Trainer);
    assert_eq!(program_for("#desk"), Program::Trainer);
    // An address of no screen is the course's home, as the first screen's route reads it.
    assert_eq!(program_for("#/nonsense"), Program::FirstScreen);
}

#[test]
fn the_page_builds_every_program_and_inlines_the_loader() {
    let root = env!("CARGO_MANIFEST_DIR");
    let page = std::fs::read_to_string(format!("{root}/index.html")).unwrap();
    let cargo = std::fs::read_to_string(format!("{root}/Cargo.toml")).unwrap();
    for program in Program::ALL {
        let bin = program.bin();
        let kind = if program == Program::FirstScreen {
            r#"data-type="main""#
        } else {
            r#"data-type="worker" data-bindgen-target="web""#
        };
        let link = page
            .lines()
            .find(|l| l.contains(&format!(r#"data-bin="{bin}""#)))
            .unwrap_or_else(|| panic!("index.html has no Trunk link for {bin}"));
        assert!(
            link.contains(kind),
            "{bin}'s link in index.html lacks {kind}"
        );
        assert!(
            cargo.contains(&format!("name = \"{bin}\"")),
            "Cargo.toml has no [[bin]] {bin}"
        );
    }
    for sheet in Program::ALL.iter().filter_map(|p| p.stylesheet()) {
        assert!(
            std::path::Path::new(&format!("{root}/public/{sheet}")).exists(),
            "public/{sheet} is missing"
        );
        assert!(
            page.contains(&format!(r#"rel="copy-file" href="public/{sheet}""#)),
            "index.html does not copy public/{sheet} into the site"
        );
    }
    for script in ["public/screens.js", "public/loader.js"] {
        assert!(
            page.contains(&format!(r#"rel="inline" type="js" href="{script}""#)),
            "index.html does not inline {script}"
        );
    }
}
