//! Exam time from a stored deadline and the wall clock, never from counting ticks: browsers
//! throttle background timers and phones freeze pages, so ticks drift; the clock does not.

/// Milliseconds left; zero once the deadline has passed.
pub fn remaining_ms(deadline: i64, now: i64) -> i64 {
    (deadline - now).max(0)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeWarning {
    None,
    FiveMinutes,
    OneMinute,
    Expired,
}

pub fn warning(remaining: i64) -> TimeWarning {
    match remaining {
        r if r <= 0 => TimeWarning::Expired,
        r if r <= 60_000 => TimeWarning::OneMinute,
        r if r <= 5 * 60_000 => TimeWarning::FiveMinutes,
        _ => TimeWarning::None,
    }
}

/// `mm:ss`, or `h:mm:ss` from an hour up. Rounds up so "00:00" only shows at the deadline.
pub fn clock(ms: i64) -> String {
    let secs = (ms.max(0) + 999) / 1000;
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    if h > 0 {
        format!("{h}:{m:02}:{s:02}")
    } else {
        format!("{m:02}:{s:02}")
    }
}

/// `12分05秒`, `1小时2分`.
pub fn duration_cn(ms: i64) -> String {
    let secs = ms.max(0) / 1000;
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    match (h, m) {
        (0, 0) => format!("{s}秒"),
        (0, _) => format!("{m}分{s:02}秒"),
        _ => format!("{h}小时{m}分"),
    }
}

/// `2026-11-23 09:05` for a Unix time in ms and a local offset in minutes east of UTC.
pub fn datetime(ms: i64, offset_min: i32) -> String {
    let secs = ms.div_euclid(1000) + i64::from(offset_min) * 60;
    let days = secs.div_euclid(86_400);
    let tod = secs.rem_euclid(86_400);
    let (y, mo, d) = civil_from_days(days);
    format!(
        "{y:04}-{mo:02}-{d:02} {:02}:{:02}",
        tod / 3600,
        tod / 60 % 60
    )
}

/// Howard Hinnant's days-to-civil algorithm (proleptic Gregorian).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remaining_time_comes_from_the_deadline_not_ticks() {
        let deadline = 1_000_000;
        assert_eq!(remaining_ms(deadline, 400_000), 600_000);
        // After a long sleep the clock simply reads past the deadline.
        assert_eq!(remaining_ms(deadline, 9_000_000), 0);
    }

    #[test]
    fn warnings_at_five_and_one_minutes() {
        assert_eq!(warning(6 * 60_000), TimeWarning::None);
        assert_eq!(warning(5 * 60_000), TimeWarning::FiveMinutes);
        assert_eq!(warning(59_000), TimeWarning::OneMinute);
        assert_eq!(warning(0), TimeWarning::Expired);
    }

    #[test]
    fn clocks_and_dates_format() {
        assert_eq!(clock(65_000), "01:05");
        assert_eq!(clock(64_001), "01:05");
        assert_eq!(clock(3_600_000 + 61_000), "1:01:01");
        assert_eq!(duration_cn(725_000), "12分05秒");
        assert_eq!(datetime(0, 0), "1970-01-01 00:00");
        // 2026-11-23 09:00 in Beijing (UTC+8).
        assert_eq!(datetime(1_795_395_600_000, 480), "2026-11-23 09:00");
    }
}
