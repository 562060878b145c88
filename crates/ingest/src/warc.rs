//! A streaming WARC reader: records one at a time from any `BufRead`, so multi-gigabyte
//! archives never sit in memory. Only what chronicle needs: `response` records carrying HTML or
//! plain text, with their HTTP envelope removed.

use std::io::{BufRead, Read};

/// One WARC record: its position, headers and content block.
#[derive(Debug)]
pub(crate) struct WarcRecord {
    pub index: usize,
    pub offset: u64,
    pub headers: Vec<(String, String)>,
    pub block: Vec<u8>,
}

impl WarcRecord {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Calls `f` for every record; a malformed or truncated record ends the file (its position is
/// in the error), since the record boundaries after it cannot be trusted.
pub(crate) fn for_each_record<R: BufRead>(
    mut reader: R,
    max_block: u64,
    f: &mut dyn FnMut(Result<WarcRecord, String>),
) {
    let mut offset: u64 = 0;
    let mut index = 0;
    let mut line = Vec::new();
    loop {
        // Skip blank lines between records, then expect the version line.
        let version_at = loop {
            line.clear();
            match reader.read_until(b'\n', &mut line) {
                Ok(0) => return,
                Ok(n) => {
                    offset += n as u64;
                    if line.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    break offset - n as u64;
                }
                Err(e) => return f(Err(format!("read error at byte {offset}: {e}"))),
            }
        };
        index += 1;
        if !line.starts_with(b"WARC/") {
            return f(Err(format!(
                "record {index} at byte {version_at}: expected a WARC/ version line"
            )));
        }
        let mut headers = Vec::new();
        loop {
            line.clear();
            match reader.read_until(b'\n', &mut line) {
                Ok(0) => {
                    return f(Err(format!(
                        "record {index} at byte {version_at}: truncated in its headers"
                    )))
                }
                Ok(n) => offset += n as u64,
                Err(e) => {
                    return f(Err(format!(
                        "record {index} at byte {version_at}: read error: {e}"
                    )))
                }
            }
            let text = String::from_utf8_lossy(&line);
            let text = text.trim_end_matches(['\r', '\n']);
            if text.is_empty() {
                break;
            }
            if let Some((k, v)) = text.split_once(':') {
                headers.push((k.trim().to_string(), v.trim().to_string()));
            }
        }
        let length = headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case("Content-Length"))
            .and_then(|(_, v)| v.parse::<u64>().ok());
        let Some(length) = length else {
            return f(Err(format!(
                "record {index} at byte {version_at}: no valid Content-Length"
            )));
        };
        if length > max_block {
            let skipped =
                std::io::copy(&mut (&mut reader).take(length), &mut std::io::sink()).unwrap_or(0);
            offset += skipped;
            f(Err(format!(
                "record {index} at byte {version_at}: block of {length} bytes is over the limit of {max_block}; skipped"
            )));
            if skipped < length {
                return;
            }
            continue;
        }
        let mut block = Vec::with_capacity(length as usize);
        let got = (&mut reader).take(length).read_to_end(&mut block);
        match got {
            Ok(n) if (n as u64) < length => {
                return f(Err(format!(
                    "record {index} at byte {version_at}: truncated (Content-Length {length}, only {n} bytes left)"
                )))
            }
            Err(e) => return f(Err(format!("record {index} at byte {version_at}: read error: {e}"))),
            Ok(n) => offset += n as u64,
        }
        f(Ok(WarcRecord {
            index,
            offset: version_at,
            headers,
            block,
        }));
    }
}

/// The HTTP response inside a `response` record: status, content type and decoded body.
#[derive(Debug)]
pub(crate) struct HttpResponse {
    pub status: u16,
    pub content_type: String,
    pub body: Vec<u8>,
    pub note: Option<String>,
}

/// Splits an HTTP response block into headers and body, undoing chunked transfer encoding and
/// gzip/deflate content encoding.
pub(crate) fn parse_http(block: &[u8]) -> Result<HttpResponse, String> {
    let split = find(block, b"\r\n\r\n")
        .map(|p| (p, p + 4))
        .or_else(|| find(block, b"\n\n").map(|p| (p, p + 2)))
        .ok_or("HTTP headers have no end")?;
    let head = String::from_utf8_lossy(&block[..split.0]);
    let mut lines = head.lines();
    let status_line = lines.next().unwrap_or_default();
    let status = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| format!("bad HTTP status line {status_line:?}"))?;
    let mut content_type = String::new();
    let mut chunked = false;
    let mut encoding = String::new();
    for l in lines {
        if let Some((k, v)) = l.split_once(':') {
            let (k, v) = (k.trim(), v.trim());
            if k.eq_ignore_ascii_case("content-type") {
                content_type = v.to_ascii_lowercase();
            } else if k.eq_ignore_ascii_case("transfer-encoding") {
                chunked = v.to_ascii_lowercase().contains("chunked");
            } else if k.eq_ignore_ascii_case("content-encoding") {
                encoding = v.to_ascii_lowercase();
            }
        }
    }
    let mut body = block[split.1..].to_vec();
    let mut note = None;
    if chunked {
        body = dechunk(&body).ok_or("malformed chunked transfer encoding")?;
    }
    match encoding.as_str() {
        "" | "identity" => {}
        "gzip" | "x-gzip" => {
            let mut out = Vec::new();
            flate2::read::MultiGzDecoder::new(&body[..])
                .read_to_end(&mut out)
                .map_err(|e| format!("gzip content encoding: {e}"))?;
            body = out;
        }
        "deflate" => {
            let mut out = Vec::new();
            flate2::read::ZlibDecoder::new(&body[..])
                .read_to_end(&mut out)
                .map_err(|e| format!("deflate content encoding: {e}"))?;
            body = out;
        }
        other => {
            note = Some(format!(
                "content encoding {other:?} is not supported; body kept as is"
            ))
        }
    }
    Ok(HttpResponse {
        status,
        content_type,
        body,
        note,
    })
}

fn dechunk(mut data: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let eol = find(data, b"\r\n")?;
        let size_text = std::str::from_utf8(&data[..eol]).ok()?;
        let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
        data = &data[eol + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(data.get(..size)?);
        data = data.get(size + 2..).unwrap_or_default();
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(kind: &str, block: &[u8]) -> Vec<u8> {
        let mut r = format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: http://x.test/a\r\nContent-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        r.extend_from_slice(block);
        r.extend_from_slice(b"\r\n\r\n");
        r
    }

    #[test]
    fn reads_records_and_reports_truncation() {
        let http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>hi</p>";
        let mut data = record("warcinfo", b"software: x");
        data.extend(record("response", http));
        let mut truncated = record("response", http);
        truncated.truncate(truncated.len() - 10);
        data.extend(truncated);
        let mut ok = Vec::new();
        let mut errors = Vec::new();
        for_each_record(&data[..], 1 << 20, &mut |r| match r {
            Ok(rec) => ok.push(rec),
            Err(e) => errors.push(e),
        });
        assert_eq!(ok.len(), 2);
        assert_eq!(ok[1].header("warc-type"), Some("response"));
        let resp = parse_http(&ok[1].block).unwrap();
        assert_eq!(resp.status, 200);
        assert_eq!(resp.body, b"<p>hi</p>");
        assert_eq!(errors.len(), 1);
        assert!(
            errors[0].contains("record 3") && errors[0].contains("truncated"),
            "{errors:?}"
        );
    }

    #[test]
    fn chunked_bodies_are_joined() {
        let http = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n<p>h\r\n5\r\ni</p>\r\n0\r\n\r\n";
        assert_eq!(parse_http(http).unwrap().body, b"<p>hi</p>");
    }
}
