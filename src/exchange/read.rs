//! Reading an uploaded file into sheets of cells: XLSX (calamine) or CSV (UTF-8 with or without
//! a BOM, or Windows-1252 as Excel writes it; comma, semicolon or tab separated). Every way a
//! file can be unreadable is a `FileError` that says what to do, never a panic or a 500:
//! not a spreadsheet, an encrypted workbook or an old .xls, a zip that would decompress to
//! more than [`MAX_UNZIPPED`], more than [`MAX_ROWS`] rows.

use super::{MAX_ROWS, MAX_UNZIPPED, MAX_UPLOAD};
use crate::error::ApiError;
use chrono::NaiveDate;
use std::io::{Cursor, Read};

/// One cell as read. CSV gives text only; a workbook gives numbers, dates and errors too.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Bool(bool),
    /// A cell formatted as a date (or date and time: the time is dropped).
    Date(NaiveDate),
    /// A formula error such as `#REF!` or `#DIV/0!`.
    Error(String),
}

impl Cell {
    /// The cell as the text a form field would have received ("" when empty). Whole numbers
    /// lose their `.0`; dates are ISO.
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.trim().to_string(),
            Cell::Number(n) => number_text(*n),
            Cell::Bool(b) => if *b { "yes" } else { "no" }.into(),
            Cell::Date(d) => d.to_string(),
            Cell::Error(e) => e.clone(),
        }
    }

    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.trim().is_empty(),
            _ => false,
        }
    }
}

fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// A table read from a file: the header row (normalised: lower case, `_` for spaces, no `*`)
/// and the data rows below it.
#[derive(Debug)]
pub struct Sheet {
    pub name: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

impl Sheet {
    /// The position of a column, by its normalised header.
    pub fn column(&self, name: &str) -> Option<usize> {
        self.headers.iter().position(|h| h == name)
    }

    /// The spreadsheet row number of data row `i` (the header is row 1).
    pub fn row_number(i: usize) -> usize {
        i + 2
    }
}

/// The file's format, for previews and for the reader to use.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Xlsx,
    Csv,
}

/// Why a file cannot be read at all.
#[derive(Debug, thiserror::Error)]
pub enum FileError {
    #[error("{0}")]
    TooLarge(String),
    #[error("{0}")]
    Unreadable(String),
}

impl From<FileError> for ApiError {
    fn from(e: FileError) -> Self {
        match e {
            FileError::TooLarge(d) => ApiError::TooLarge(d),
            FileError::Unreadable(d) => ApiError::UnreadableFile(d),
        }
    }
}

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
/// OLE compound files: encrypted (password-protected) workbooks and Excel 97-2003 .xls.
const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// Reads a file's sheets, deciding the format from its bytes (not its name).
pub fn read(bytes: &[u8]) -> Result<(Format, Vec<Sheet>), FileError> {
    if bytes.len() > MAX_UPLOAD {
        return Err(FileError::TooLarge(format!(
            "the file is {} bytes; files of at most {} MB are accepted",
            bytes.len(),
            MAX_UPLOAD / 1024 / 1024
        )));
    }
    if bytes.starts_with(OLE_MAGIC) {
        let encrypted = contains_utf16(bytes, "EncryptionInfo");
        return Err(FileError::Unreadable(if encrypted {
            "the workbook is protected with a password (encrypted), so it cannot be read; remove the password (File > Info > Protect Workbook) and upload it again".into()
        } else {
            "this is an Excel 97-2003 workbook (.xls); save it as an Excel Workbook (.xlsx) or as CSV and upload it again".into()
        }));
    }
    if bytes.starts_with(ZIP_MAGIC) {
        return Ok((Format::Xlsx, read_xlsx(bytes)?));
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(FileError::Unreadable("the file is empty; use the template, which has a header row".into()));
    }
    if looks_binary(bytes) {
        return Err(FileError::Unreadable(
            "this is not a spreadsheet: upload an Excel workbook (.xlsx) or a CSV file".into(),
        ));
    }
    Ok((Format::Csv, vec![read_csv(bytes)?]))
}

fn contains_utf16(bytes: &[u8], s: &str) -> bool {
    let needle: Vec<u8> = s.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
    bytes.windows(needle.len()).any(|w| w == needle.as_slice())
}

/// Control characters other than tab, CR, LF, form feed: text files do not have them.
fn looks_binary(bytes: &[u8]) -> bool {
    bytes.iter().take(8192).any(|&b| b == 0 || (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)))
}

/// UTF-8 (a BOM is dropped), else Windows-1252, which is what Excel's "CSV" writes.
pub fn decode(bytes: &[u8]) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes).0.into_owned(),
    }
}

/// The separator of the header line: Excel writes `;` where the decimal separator is a comma.
fn delimiter(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or("");
    let count = |c: char| first.matches(c).count();
    [(b',', count(',')), (b';', count(';')), (b'\t', count('\t'))].into_iter().max_by_key(|(_, n)| *n).unwrap().0
}

fn read_csv(bytes: &[u8]) -> Result<Sheet, FileError> {
    let text = decode(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter(&text))
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let headers = match records.next() {
        Some(Ok(h)) => h.iter().map(normalise_header).collect(),
        Some(Err(e)) => return Err(FileError::Unreadable(format!("the CSV file cannot be read: {e}"))),
        None => return Err(FileError::Unreadable("the file is empty".into())),
    };
    let mut rows = vec![];
    for r in records {
        let r = r.map_err(|e| FileError::Unreadable(format!("the CSV file cannot be read: {e}")))?;
        if r.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        if rows.len() == MAX_ROWS {
            return Err(too_many_rows("the file"));
        }
        rows.push(
            r.iter().map(|c| if c.trim().is_empty() { Cell::Empty } else { Cell::Text(c.to_string()) }).collect(),
        );
    }
    Ok(Sheet { name: "csv".into(), headers, rows })
}

fn too_many_rows(what: &str) -> FileError {
    FileError::TooLarge(format!("{what} has more than {MAX_ROWS} rows; split it into files of at most {MAX_ROWS} rows"))
}

/// `Commitment code *` -> `commitment_code`.
pub fn normalise_header(h: &str) -> String {
    h.trim()
        .trim_end_matches('*')
        .trim()
        .to_lowercase()
        .chars()
        .map(|c| if c.is_whitespace() || c == '-' { '_' } else { c })
        .collect()
}

/// Checks every entry's declared and real decompressed size before calamine reads anything,
/// so a small upload that expands to gigabytes (a zip bomb) is refused cheaply.
fn check_zip(bytes: &[u8]) -> Result<(), FileError> {
    let not_xlsx = || FileError::Unreadable("this is a zip file but not an Excel workbook (.xlsx)".into());
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| not_xlsx())?;
    if archive.len() > 10_000 {
        return Err(not_xlsx());
    }
    let bomb = || {
        FileError::TooLarge(format!(
            "the workbook would expand to more than {} MB when opened, more than any plan needs; save a smaller copy with only the sheets to import",
            MAX_UNZIPPED / 1024 / 1024
        ))
    };
    let mut declared: u64 = 0;
    for i in 0..archive.len() {
        let entry = archive.by_index_raw(i).map_err(|_| not_xlsx())?;
        if entry.encrypted() {
            return Err(FileError::Unreadable(
                "the workbook is encrypted; remove its password and upload it again".into(),
            ));
        }
        declared = declared.saturating_add(entry.size());
    }
    if declared > MAX_UNZIPPED {
        return Err(bomb());
    }
    // Sizes in a zip can lie: decompress for real, stopping at the limit.
    let mut total: u64 = 0;
    let mut buf = vec![0u8; 64 * 1024];
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).map_err(|_| not_xlsx())?;
        loop {
            let n = entry.read(&mut buf).map_err(|_| not_xlsx())?;
            if n == 0 {
                break;
            }
            total += n as u64;
            if total > MAX_UNZIPPED {
                return Err(bomb());
            }
        }
    }
    if archive.by_name("[Content_Types].xml").is_err() {
        return Err(not_xlsx());
    }
    Ok(())
}

fn read_xlsx(bytes: &[u8]) -> Result<Vec<Sheet>, FileError> {
    use calamine::Reader;
    check_zip(bytes)?;
    let mut wb: calamine::Xlsx<_> = calamine::open_workbook_from_rs(Cursor::new(bytes)).map_err(|e| {
        FileError::Unreadable(format!(
            "the workbook cannot be read ({e}); open it in a spreadsheet program, save it as .xlsx and try again"
        ))
    })?;
    let mut sheets = vec![];
    for name in wb.sheet_names() {
        let range = wb
            .worksheet_range(&name)
            .map_err(|e| FileError::Unreadable(format!("the sheet `{name}` cannot be read: {e}")))?;
        if range.height() > MAX_ROWS + 1 {
            return Err(too_many_rows(&format!("the sheet `{name}`")));
        }
        let mut rows = range.rows();
        let Some(header) = rows.next() else {
            continue;
        };
        let headers = header.iter().map(|c| normalise_header(&Cell::from(c).text())).collect();
        let mut out = vec![];
        for r in rows {
            let cells: Vec<Cell> = r.iter().map(Cell::from).collect();
            if cells.iter().all(Cell::is_empty) {
                continue;
            }
            out.push(cells);
        }
        sheets.push(Sheet { name, headers, rows: out });
    }
    if sheets.is_empty() {
        return Err(FileError::Unreadable("the workbook has no sheet with a header row".into()));
    }
    Ok(sheets)
}

impl From<&calamine::Data> for Cell {
    fn from(d: &calamine::Data) -> Cell {
        use calamine::Data;
        match d {
            Data::Empty => Cell::Empty,
            Data::String(s) => Cell::Text(s.clone()),
            Data::Float(f) => Cell::Number(*f),
            Data::Int(i) => Cell::Number(*i as f64),
            Data::Bool(b) => Cell::Bool(*b),
            Data::DateTime(dt) => match serial_date(dt.as_f64()) {
                Some(d) if dt.is_datetime() => Cell::Date(d),
                _ => Cell::Number(dt.as_f64()),
            },
            Data::DateTimeIso(s) => match NaiveDate::parse_from_str(s.get(..10).unwrap_or(s), "%Y-%m-%d") {
                Ok(d) => Cell::Date(d),
                Err(_) => Cell::Text(s.clone()),
            },
            Data::DurationIso(s) => Cell::Text(s.clone()),
            Data::Error(e) => Cell::Error(e.to_string()),
        }
    }
}

/// An Excel date serial (1900 date system: day 1 is 1900-01-01, with Excel's phantom
/// 1900-02-29, so from day 61 on the epoch is 1899-12-30).
pub fn serial_date(serial: f64) -> Option<NaiveDate> {
    if !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let days = serial.floor() as i64;
    let epoch = NaiveDate::from_ymd_opt(1899, 12, 30)?;
    let days = if days < 61 { days + 1 } else { days };
    epoch.checked_add_signed(chrono::Duration::days(days))
}

/// A date as a form would get it: ISO, `31/12/2026` (or `31.12.2026`), a date cell, or an
/// Excel serial typed as a number. Anything else is returned as written, for the form's rule
/// to refuse with its own words.
pub fn date_text(cell: &Cell) -> String {
    match cell {
        Cell::Date(d) => d.to_string(),
        Cell::Number(n) => serial_date(*n).map(|d| d.to_string()).unwrap_or_else(|| cell.text()),
        _ => {
            let t = cell.text();
            for f in ["%d/%m/%Y", "%d.%m.%Y", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S"] {
                if let Ok(d) = NaiveDate::parse_and_remainder(&t, f).map(|(d, _)| d) {
                    if f.starts_with("%Y") || NaiveDate::parse_from_str(&t, f).is_ok() {
                        return d.to_string();
                    }
                }
            }
            if let Some(n) = t.parse::<f64>().ok().filter(|n| *n > 10_000.0) {
                if let Some(d) = serial_date(n) {
                    return d.to_string();
                }
            }
            t
        }
    }
}

/// A percentage as `30`, `30%`, `0.3` (a fraction, as a cell formatted as a percentage holds
/// it) or `30,5 %`; Err with what was found when it is no number at all.
pub fn percent(cell: &Cell) -> Result<f64, String> {
    let (n, had_sign) = match cell {
        Cell::Number(n) => (*n, false),
        _ => {
            let t = cell.text();
            let (body, had_sign) = match t.strip_suffix('%') {
                Some(b) => (b.trim().to_string(), true),
                None => (t.clone(), false),
            };
            let n = body.replace(',', ".").replace(' ', "").parse::<f64>().map_err(|_| t.clone())?;
            (n, had_sign)
        }
    };
    if !had_sign && n > 0.0 && n < 1.0 {
        return Ok((n * 100.0 * 1e6).round() / 1e6);
    }
    Ok(n)
}

/// yes/no in the words people type.
pub fn yes_no(cell: &Cell) -> Option<Option<bool>> {
    if let Cell::Bool(b) = cell {
        return Some(Some(*b));
    }
    match cell.text().to_lowercase().as_str() {
        "" => Some(None),
        "yes" | "y" | "true" | "1" | "x" | "oui" | "ja" => Some(Some(true)),
        "no" | "n" | "false" | "0" | "non" | "nein" | "nej" => Some(Some(false)),
        _ => None,
    }
}

/// A list typed in one cell: separated by `;` or new lines.
pub fn list(cell: &Cell) -> Vec<String> {
    cell.text().split([';', '\n']).map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect()
}

/// A code given as its label ("In progress") or its code (`in_progress`).
pub fn code(cell: &Cell) -> String {
    cell.text().trim().to_lowercase().replace([' ', '-'], "_")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_the_forms_people_type() {
        let d = |s: &str| date_text(&Cell::Text(s.into()));
        assert_eq!(d("2026-12-31"), "2026-12-31");
        assert_eq!(d("31/12/2026"), "2026-12-31");
        assert_eq!(d("31.12.2026"), "2026-12-31");
        assert_eq!(d("46387"), "2026-12-31");
        assert_eq!(date_text(&Cell::Number(46387.0)), "2026-12-31");
        assert_eq!(d("31/13/2026"), "31/13/2026");
        assert_eq!(serial_date(59.0), NaiveDate::from_ymd_opt(1900, 2, 28));
        assert_eq!(serial_date(1.0), NaiveDate::from_ymd_opt(1900, 1, 1));
        assert_eq!(serial_date(61.0), NaiveDate::from_ymd_opt(1900, 3, 1));
    }

    #[test]
    fn percentages() {
        let p = |s: &str| percent(&Cell::Text(s.into()));
        assert_eq!(p("30"), Ok(30.0));
        assert_eq!(p("30%"), Ok(30.0));
        assert_eq!(p("30 %"), Ok(30.0));
        assert_eq!(p("0.3"), Ok(30.0));
        assert_eq!(p("0,3"), Ok(30.0));
        assert_eq!(percent(&Cell::Number(0.45)), Ok(45.0));
        assert_eq!(p("100"), Ok(100.0));
        assert!(p("lots").is_err());
    }

    #[test]
    fn csv_in_windows_1252_with_semicolons() {
        let bytes = b"Name;Country\nMalm\xf6;SE\n";
        let (format, sheets) = read(bytes).unwrap();
        assert_eq!(format, Format::Csv);
        assert_eq!(sheets[0].headers, vec!["name", "country"]);
        assert_eq!(sheets[0].rows[0][0], Cell::Text("Malmö".into()));
        let bom = "\u{feff}name,country\nŁódź,PL\n";
        let (_, sheets) = read(bom.as_bytes()).unwrap();
        assert_eq!(sheets[0].headers[0], "name");
        assert_eq!(sheets[0].rows[0][0], Cell::Text("Łódź".into()));
    }

    #[test]
    fn files_that_are_not_spreadsheets() {
        assert!(matches!(read(b"\x89PNG\r\n\x1a\n\0\0"), Err(FileError::Unreadable(_))));
        assert!(matches!(read(OLE_MAGIC), Err(FileError::Unreadable(_))));
        assert!(matches!(read(b"PK\x03\x04garbage"), Err(FileError::Unreadable(_))));
        assert!(matches!(read(b""), Err(FileError::Unreadable(_))));
    }
}
