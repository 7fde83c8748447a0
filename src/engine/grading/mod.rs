//! Grading: a whole attempt's answers scored against its bank, and the checks on the reply
//! grader over a course (rubrics against concepts, example replies, agreement with a trainer,
//! the rubric change a trainer's score asks for).

pub mod agreement;
pub mod examples;
pub mod grade;
pub mod rubric_advice;
pub mod rubric_check;
