//! Tests of the written types a file examines and of the filter on types that cannot hold a map.

use super::*;

fn facts(src: &str) -> TypeFacts {
    extract(&syn::parse_file(src).unwrap(), false)
}

fn written(src: &str) -> Vec<(Position, String, String, u32, bool)> {
    facts(src).written.into_iter().map(|w| (w.position, w.owner, w.ty.to_string(), w.anchor_line, w.in_test)).collect()
}

#[test]
fn records_examined_positions_only() {
    let src = "\
static A: Mutex<HashMap<u32, u8>> = x();
const B: Map = y();
type C<V> = HashMap<u32, V>;
fn f(p: HashMap<u8, u8>) -> HashMap<u8, Rc<u8>> where T: Into<HashMap<u8, u8>> {
let m: HashMap<u8, u8> = HashMap::<u8, Node>::new();
let n = xs.iter().collect::<HashSet<_>>();
let s: String = String::new();
let (a, b): (Foo, u8) = g();
}
lazy_static! {
/// doc
pub static ref D: RwLock<Map> = RwLock::new(Map::new());
}
thread_local! { static E: RefCell<Vec<Cache>> = const { RefCell::new(Vec::new()) } }
#[cfg(test)]
mod tests { static T: Cache = z(); }
";
    use Position::*;
    let s = |x: &str| x.to_string();
    assert_eq!(
        written(src),
        vec![
            (Static, s("A"), s("Mutex<HashMap<u32, u8>>"), 1, false),
            (Const, s("B"), s("Map"), 2, false),
            (Alias, s("C"), s("HashMap<u32, V>"), 3, false),
            (Return, s("f"), s("HashMap<u8, Rc<u8>>"), 4, false),
            (Let, s("m"), s("HashMap<u8, u8>"), 5, false),
            (Turbofish, s(""), s("HashMap<u8, Node>"), 5, false),
            (Turbofish, s(""), s("HashSet<_>"), 6, false),
            (Let, s(""), s("(Foo, u8)"), 8, false),
            (Static, s("D"), s("RwLock<Map>"), 11, false),
            (Static, s("E"), s("RefCell<Vec<Cache>>"), 14, false),
            (Static, s("T"), s("Cache"), 16, true),
        ]
    );
}

#[test]
fn filters_types_that_cannot_hold_a_map() {
    let ty = |s: &str| TypeExpr::from_syn(&syn::parse_str(s).unwrap());
    assert!(!could_hold_map(&ty("Vec<Option<String>>")));
    assert!(!could_hold_map(&ty("&[u8; 4]")));
    assert!(could_hold_map(&ty("Arc<Registry>")));
    assert!(could_hold_map(&ty("Vec<HashMap<u8, u8>>")));
}
