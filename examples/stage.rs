use kefu_exam::engine::markdown;
use kefu_exam::engine::parse::parse_bank;
use kefu_exam::engine::hash::{content_hash, hex_hash};
use std::hint::black_box;
use std::time::{Duration, Instant};
include!("/tmp/gen.rs");
fn best_of<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    (0..runs).map(|_| { let t = Instant::now(); black_box(f()); t.elapsed() }).min().unwrap()
}
#[inline(never)] fn st_bare(t: &str) -> usize { pulldown_cmark::Parser::new_ext(t, markdown::options()).count() }
#[inline(never)] fn st_md(t: &str) -> usize { markdown::parse(t, 0).len() }
#[inline(never)] fn st_hex(t: &str) -> String { hex_hash(t) }
#[inline(never)] fn st_ch(t: &str) -> String { content_hash(t) }
#[inline(never)] fn st_full(t: &str) -> usize { parse_bank("b.md", t).0.question_count() }
fn main() {
    let text = generate();
    if let Some(s) = std::env::args().nth(1) {
        let r = match s.as_str() { "bare" => st_bare(&text), "md" => st_md(&text), "hex" => st_hex(&text).len(), "ch" => st_ch(&text).len(), _ => st_full(&text) };
        black_box(r);
        return;
    }
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!("bare        {:.1}", ms(best_of(RUNS, || st_bare(black_box(&text)))));
    println!("md::parse   {:.1}", ms(best_of(RUNS, || st_md(black_box(&text)))));
    println!("hex_hash    {:.1}", ms(best_of(RUNS, || st_hex(black_box(&text)))));
    println!("content_h   {:.1}", ms(best_of(RUNS, || st_ch(black_box(&text)))));
    println!("parse_bank  {:.1}", ms(best_of(RUNS, || st_full(black_box(&text)))));
}
