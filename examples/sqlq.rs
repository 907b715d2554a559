use std::time::Instant;
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let conn = rusqlite::Connection::open(&args[1]).unwrap();
    for sql in &args[2..] {
        for _ in 0..2 {
            let t = Instant::now();
            let mut stmt = conn.prepare(sql).unwrap();
            let v: Vec<String> = stmt
                .query_map([], |r| {
                    Ok(format!(
                        "{:?}",
                        r.get::<_, rusqlite::types::Value>(r.as_ref().column_count() - 1)?
                    ))
                })
                .unwrap()
                .map(|x| x.unwrap())
                .collect();
            println!(
                "{:.1} ms  rows={} first={:?}  {}",
                t.elapsed().as_secs_f64() * 1000.0,
                v.len(),
                v.first(),
                &sql.chars().take(110).collect::<String>()
            );
        }
    }
}
