//! How the site's programs share the one page (`src/site.rs` says which screens each shows).
//!
//! The address is all they share, with storage: each program shows itself exactly while the
//! page's `#/...` address is one of its screens. It mounts its root into the body when the
//! address becomes one of its screens and unmounts it (its elements and listeners go) when the
//! address leaves them. The page's loader (`public/loader.js`) makes sure the program of the
//! current screen is loaded, the first time a screen of it is opened; a loaded program stays in
//! the page, so going back to it is instant. While no program shows, the page's loading state
//! (`#boot` in index.html) does.
//!
//! A program can leave the page while a screen of it waits (for the course, a file, the
//! camera): that work is spawned with `spawn_local_scoped_with_cancellation`, so it stops with
//! its screen instead of resuming into state that is gone (a panic). Only a file write is left
//! to finish, and then looks whether its screen is still there.

use crate::site::{program_for, Program};
use leptos::mount::{mount_to, UnmountHandle};
use leptos::prelude::*;
use std::any::Any;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

thread_local! {
    /// The mounted root while this program shows (dropping it unmounts).
    static SHOWN: RefCell<Option<Box<dyn Any>>> = const { RefCell::new(None) };
}

fn current_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Runs program `me`: shows `root` whenever the address is one of its screens, for as long as
/// the page lives. Called once, from the program's `main`.
pub fn run<F, V>(me: Program, root: F)
where
    F: Fn() -> V + Copy + 'static,
    V: IntoView + 'static,
{
    // Panic messages in the console for development builds only: in release the hook and its
    // formatting cost wasm bytes, and a panic aborts either way.
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    let sync = move || {
        let mine = program_for(&current_hash()) == me;
        // Taken out before it is dropped: unmounting runs the root's cleanups, which must not
        // find SHOWN borrowed.
        let leaving = SHOWN.with(|s| if mine { None } else { s.borrow_mut().take() });
        drop(leaving);
        if mine && SHOWN.with(|s| s.borrow().is_none()) {
            let body = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.body())
                .expect("the page has a body");
            let handle: UnmountHandle<_> = mount_to(body, root);
            SHOWN.with(|s| *s.borrow_mut() = Some(Box::new(handle)));
        }
    };
    sync();
    // Registered before the root's own listeners, so a program leaving the page is unmounted
    // before its screens would react to an address that is not theirs.
    let on_change = Closure::<dyn Fn()>::new(sync);
    if let Some(w) = web_sys::window() {
        let _ =
            w.add_event_listener_with_callback("hashchange", on_change.as_ref().unchecked_ref());
    }
    on_change.forget();
}

/// Asks the page's loader to load a program now (download and compile it, without showing
/// it), so its first screen opens at once later.
pub fn preload(program: Program) {
    let Some(w) = web_sys::window() else { return };
    let load = js_sys::Reflect::get(&w, &"kefu".into())
        .and_then(|kefu| Ok((js_sys::Reflect::get(&kefu, &"load".into())?, kefu)));
    if let Ok((load, kefu)) = load {
        if let Some(load) = load.dyn_ref::<js_sys::Function>() {
            let _ = load.call1(&kefu, &program.name().into());
        }
    }
}
