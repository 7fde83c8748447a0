// Generated from src/site.rs (SCREENS) by `UPDATE=1 cargo test --test site`: do not edit.
// Which program shows a screen (the first segment of the page's #/ address), and the
// programs public/loader.js loads by name (their files: NAME.js and NAME_bg.wasm), and
// the stylesheet it loads with a program that has its own.
var kefuScreens = {"start": "start", "begin": "trainee", "attempt": "trainee", "result": "trainee", "handover": "trainee", "comments": "trainee", "history": "trainee", "wrong": "trainee", "typing": "trainee", "desk": "trainer"};
var kefuPrograms = {"trainee": "kefu-trainee", "trainer": "kefu-trainer"};
var kefuStyles = {"trainer": "kefu-trainer.css"};
