//! A small chat service, the demo of maplint's README: users log in, post messages whose
//! words are counted, and a daily report is built. Each module holds map code that
//! maplint reports; `cargo run --release -- testdata/demo` from the repository root shows
//! every finding.

mod graph;
mod presence;
mod report;
mod sessions;
mod words;

fn main() {
    let id = sessions::login("ada".to_string());
    let counts = words::count_words("to be or not to be");
    let stop = ["or".to_string()].into_iter().collect();
    let kept = counts.keys().filter(|w| !words::is_stop_word(&stop, w)).count();
    let daily = report::messages_per_user(&[id], &counts);
    let lengths = report::distinct_letters(&["hello world", "to be"]);
    let mut rooms = graph::Rooms::default();
    rooms.add(1, "lobby");
    let mut online = presence::Presence::default();
    online.arrive(id);
    println!("{kept} {daily:?} {lengths:?} {}", online.count());
}
