//! The wall clock and the local time zone, from the browser.

pub fn now() -> i64 {
    js_sys::Date::now() as i64
}

/// Minutes east of UTC (JavaScript reports the opposite sign).
pub fn local_offset_min() -> i32 {
    -(js_sys::Date::new_0().get_timezone_offset() as i32)
}

/// A fresh attempt seed, below 2^53 so JSON tools keep it exact.
pub fn new_seed() -> u64 {
    let r = (js_sys::Math::random() * 9_007_199_254_740_991.0) as u64;
    crate::engine::text::rng::json_safe_seed(r ^ (now() as u64).rotate_left(17))
}

/// The monotonic clock (`performance.now`, ms): never set back, only meaningful within a page.
pub fn mono() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or(0.0, |p| p.now())
}
