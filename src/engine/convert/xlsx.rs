//! .xlsx read (calamine) and written (rust_xlsxwriter): the first worksheet as rows of text.
//! In the browser only the trainer's screens call it, so only the trainer's program carries it.

use super::{Place, Report};
use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
use rust_xlsxwriter::{Format, Workbook};
use std::io::Cursor;

/// The first worksheet's cells as text, row 1 first and column A first (the used range is
/// placed where it lies in the sheet, so row numbers in the report are the sheet's own).
pub fn read(bytes: &[u8], report: &mut Report) -> Result<Vec<Vec<String>>, String> {
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes))
        .map_err(|e| format!("不能读取这个 .xlsx 文件：{e}"))?;
    let names = book.sheet_names();
    if names.len() > 1 {
        report.info(
            Place::File,
            format!(
                "只读了第一个工作表“{}”，其余 {} 个（{}）没有读：题目请放在第一个工作表",
                names[0],
                names.len() - 1,
                names[1..].join("、")
            ),
        );
    }
    let range = book
        .worksheet_range_at(0)
        .ok_or("这个 .xlsx 文件里没有工作表")?
        .map_err(|e| format!("不能读取第一个工作表：{e}"))?;
    let Some((r0, c0)) = range.start() else {
        return Ok(Vec::new());
    };
    let mut rows: Vec<Vec<String>> = vec![Vec::new(); r0 as usize];
    for row in range.rows() {
        let mut cells = vec![String::new(); c0 as usize];
        cells.extend(row.iter().map(cell_text));
        while cells.last().is_some_and(|c| c.is_empty()) {
            cells.pop();
        }
        rows.push(cells);
    }
    Ok(rows)
}

fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => format!("{f}"),
        Data::Bool(b) => if *b { "true" } else { "false" }.into(),
        Data::Error(e) => format!("#{e:?}"),
        other => other.to_string(),
    }
}

/// Rows as an .xlsx workbook with one worksheet 题库 (the header bold, long columns wrapped).
pub fn write(rows: &[Vec<String>]) -> Result<Vec<u8>, String> {
    let mut book = Workbook::new();
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap();
    let sheet = book.add_worksheet();
    sheet.set_name("题库").map_err(|e| e.to_string())?;
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            if cell.is_empty() {
                continue;
            }
            let fmt = if r == 0 { &bold } else { &wrap };
            sheet
                .write_string_with_format(r as u32, c as u16, cell, fmt)
                .map_err(|e| e.to_string())?;
        }
    }
    // 题干 and 解析 wide, the options medium.
    let widths: &[(u16, f64)] = &[(0, 8.0), (1, 14.0), (2, 16.0), (3, 48.0)];
    for &(c, w) in widths {
        sheet.set_column_width(c, w).map_err(|e| e.to_string())?;
    }
    for c in 4..12 {
        sheet.set_column_width(c, 20.0).map_err(|e| e.to_string())?;
    }
    sheet
        .set_column_width(13, 40.0)
        .map_err(|e| e.to_string())?;
    book.save_to_buffer().map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_rows_read_back() {
        let rows = vec![
            vec!["题型".to_string(), "题干".into(), "分值".into()],
            vec!["单选".to_string(), "多行\n题干".into(), "2".into()],
        ];
        let bytes = write(&rows).unwrap();
        assert_eq!(read(&bytes, &mut Report::default()).unwrap(), rows);
    }
}
