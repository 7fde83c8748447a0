//! The site's three programs and the screens each one shows: the one list the page's loader
//! (`public/screens.js`, generated from here), the programs' own roots and the build all follow.
//!
//! One page, `index.html`, holds every screen. A screen is named by the first segment of the
//! page's `#/...` address; the program that shows it is loaded into the page when that screen
//! is first opened (code splitting), so a trainee never downloads the trainer's desk, and the
//! first screen (the course and a bank's start screen) stays small. How the programs hand the
//! page to each other: `src/app/programs.rs`.

/// A WebAssembly program of the site, built from its own `[[bin]]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Program {
    /// The course and a bank's start screen: what every trainee opens first (`src/start.rs`).
    FirstScreen,
    /// Exams, practice, results, history, the wrong-answer book and typing (`src/trainee.rs`).
    Trainee,
    /// The trainer's desk and everything under it (`src/trainer.rs`).
    Trainer,
}

impl Program {
    pub const ALL: [Program; 3] = [Program::FirstScreen, Program::Trainee, Program::Trainer];

    /// The program's name in the page's loader.
    pub fn name(self) -> &'static str {
        match self {
            Program::FirstScreen => "start",
            Program::Trainee => "trainee",
            Program::Trainer => "trainer",
        }
    }

    /// Its Cargo binary, which is also the base name of its files (`kefu-trainee.js`,
    /// `kefu-trainee_bg.wasm`; the first screen's carry a content hash, as Trunk names them).
    pub fn bin(self) -> &'static str {
        match self {
            Program::FirstScreen => "kefu-start",
            Program::Trainee => "kefu-trainee",
            Program::Trainer => "kefu-trainer",
        }
    }
}

impl Program {
    /// The program's own stylesheet in `public/`, loaded with it (the rest of the site's styles
    /// are in `style.css`, which every page loads): the trainer's screens are styled there, so a
    /// trainee never downloads their rules.
    pub fn stylesheet(self) -> Option<&'static str> {
        match self {
            Program::Trainer => Some("kefu-trainer.css"),
            Program::FirstScreen | Program::Trainee => None,
        }
    }
}

/// The screens' names: the first segment of their `#/...` address. `SCREENS` says which program
/// shows each; `src/app/route.rs` reads and writes addresses with the same names.
pub mod screen {
    pub const START: &str = "start";
    pub const BEGIN: &str = "begin";
    pub const ATTEMPT: &str = "attempt";
    pub const RESULT: &str = "result";
    pub const HANDOVER: &str = "handover";
    pub const COMMENTS: &str = "comments";
    pub const HISTORY: &str = "history";
    pub const WRONG: &str = "wrong";
    pub const TYPING: &str = "typing";
    pub const DESK: &str = "desk";
}

/// Which program shows each screen. An address not listed here (including the empty one) is
/// the course's home, on the first screen.
pub const SCREENS: &[(&str, Program)] = &[
    (screen::START, Program::FirstScreen),
    (screen::BEGIN, Program::Trainee),
    (screen::ATTEMPT, Program::Trainee),
    (screen::RESULT, Program::Trainee),
    (screen::HANDOVER, Program::Trainee),
    (screen::COMMENTS, Program::Trainee),
    (screen::HISTORY, Program::Trainee),
    (screen::WRONG, Program::Trainee),
    (screen::TYPING, Program::Trainee),
    (screen::DESK, Program::Trainer),
];

/// The first segment of a page address's hash: `#/result/abc` → `result`.
pub fn screen_of(hash: &str) -> &str {
    let h = hash.trim_start_matches('#').trim_start_matches('/');
    h.split(['/', '?']).next().unwrap_or("")
}

/// The program that shows the screen at this hash.
pub fn program_for(hash: &str) -> Program {
    let screen = screen_of(hash);
    SCREENS
        .iter()
        .find(|(s, _)| *s == screen)
        .map_or(Program::FirstScreen, |&(_, p)| p)
}

/// The text of `public/screens.js`: the table above for the page's loader, which must know
/// the program of the opening screen before any program has loaded.
pub fn screens_js() -> String {
    let mut out = String::from(
        "// Generated from src/site.rs (SCREENS) by `UPDATE=1 cargo test --test site`: do not edit.\n\
         // Which program shows a screen (the first segment of the page's #/ address), and the\n\
         // programs public/loader.js loads by name (their files: NAME.js and NAME_bg.wasm), and\n\
         // the stylesheet it loads with a program that has its own.\n\
         var kefuScreens = {",
    );
    for (i, (screen, program)) in SCREENS.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&format!("\"{screen}\": \"{}\"", program.name()));
    }
    // The first screen's program is not in it: index.html starts it on every page (Trunk's
    // script for its `main` program), so the course's home shows without asking the table.
    out.push_str("};\nvar kefuPrograms = {");
    for (i, program) in Program::ALL[1..].iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&format!("\"{}\": \"{}\"", program.name(), program.bin()));
    }
    out.push_str("};\nvar kefuStyles = {");
    let styled = Program::ALL
        .iter()
        .filter_map(|p| Some((p.name(), p.stylesheet()?)));
    for (i, (name, sheet)) in styled.enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(&format!("\"{name}\": \"{sheet}\""));
    }
    out.push_str("};\n");
    out
}
