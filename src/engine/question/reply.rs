//! Scenario reply: free text to a customer, graded by key points and red-line words.

use super::{Forbidden, Graded};
use crate::engine::normalize::{contains_folded, fold};

#[derive(Clone, Debug, PartialEq)]
pub struct Reply {
    /// Each key point with its accepted wordings.
    pub keypoints: Vec<Vec<String>>,
    pub forbidden: Vec<Forbidden>,
}

impl Reply {
    /// Splits `抱歉|不好意思` into variants.
    pub fn variants(line: &str) -> Vec<String> {
        line.split(['|', '｜'])
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect()
    }

    /// Splits an inline forbidden-word list: `不还价、没有, 支付宝`.
    pub fn word_list(line: &str) -> Vec<String> {
        line.split(['、', '，', ',', '；', ';'])
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect()
    }

    pub fn grade(&self, text: &str, course_redlines: &[Forbidden]) -> Graded {
        let folded = fold(text);
        if let Some(hit) = self
            .forbidden
            .iter()
            .chain(course_redlines)
            .find(|f| contains_folded(&folded, &f.word))
        {
            let mut msg = format!("触碰红线：回复中出现了禁用词“{}”，本题记 0 分", hit.word);
            if !hit.reason.is_empty() {
                msg.push_str(&format!("（{}）", hit.reason));
            }
            return Graded {
                fraction: 0.0,
                feedback: vec![msg],
                redline: Some(hit.word.clone()),
            };
        }
        let n = self.keypoints.len();
        let missing: Vec<&str> = self
            .keypoints
            .iter()
            .filter(|variants| !variants.iter().any(|v| contains_folded(&folded, v)))
            .map(|variants| variants[0].as_str())
            .collect();
        let hit = n - missing.len();
        let mut feedback = vec![format!("命中要点 {hit}/{n}")];
        if !missing.is_empty() {
            feedback.push(format!("缺少的要点：{}", missing.join("；")));
        }
        Graded {
            fraction: hit as f64 / n.max(1) as f64,
            feedback,
            redline: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reply() -> Reply {
        Reply {
            keypoints: vec![
                Reply::variants("抱歉|不好意思"),
                Reply::variants("优惠|划算"),
            ],
            forbidden: vec![Forbidden {
                word: "不还价".into(),
                reason: String::new(),
            }],
        }
    }

    #[test]
    fn reply_scores_key_points_by_any_variant() {
        let r = reply();
        assert_eq!(
            r.grade("不好意思亲，这已经是活动优惠价了", &[]).fraction,
            1.0
        );
        assert_eq!(r.grade("不好意思亲", &[]).fraction, 0.5);
        let g = r.grade("你好", &[]);
        assert_eq!(g.fraction, 0.0);
        assert!(g.feedback[1].contains("抱歉"));
    }

    #[test]
    fn a_red_line_word_zeroes_the_reply_and_is_named() {
        let r = reply();
        let g = r.grade("抱歉，本店不 还价，已经很优惠", &[]);
        assert_eq!(g.fraction, 0.0);
        assert_eq!(g.redline.as_deref(), Some("不还价"));
        assert!(g.feedback[0].contains("不还价"));
        let course = [Forbidden {
            word: "支付宝".into(),
            reason: "京东平台敏感词".into(),
        }];
        let g = r.grade("抱歉，可以用ZFB吗？优惠。请用支付宝", &course);
        assert_eq!(g.redline.as_deref(), Some("支付宝"));
        assert!(g.feedback[0].contains("京东平台敏感词"));
    }
}
