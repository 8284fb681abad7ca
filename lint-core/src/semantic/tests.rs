//! Known types of expressions inside small functions, answered by the file alone and by
//! a package index.

use super::infer::Scope;
use super::*;
use crate::index::{IndexedFile, PackageIndex};
use crate::settings::Settings;

/// The known type of the argument of the marker call `here(EXPR)` in `src`, asked `want`
/// of the file alone and then of the package made of `src`.
fn ask_in(src: &str, want: Want) -> (String, bool) {
    let file = crate::syntax::parse_file(src).expect("parses");
    let mut found = None;
    for item in &file.items {
        let (sig, body, self_ty) = match item {
            syn::Item::Fn(f) => (&f.sig, &*f.block, None),
            syn::Item::Impl(i) => match i.items.first() {
                Some(syn::ImplItem::Fn(f)) => (&f.sig, &f.block, Some(&*i.self_ty)),
                _ => continue,
            },
            _ => continue,
        };
        if let Some(arg) = marker(body) {
            let scope = Scope { sig: Some(sig), body: Some(body), self_ty };
            found = Some(scope.type_of(arg));
        }
    }
    let kt = found.expect("a here(..) marker").expect("a known type");
    let local = match ask(&kt, want, &FileEnv { map_types: &[] }) {
        Answer::Yes => "yes",
        Answer::No => "no",
        Answer::Pending(_) => "pending",
    };
    let settings = Settings::default();
    let facts = crate::facts::extract(&file, Default::default(), false, &settings);
    let index = PackageIndex::new(
        None,
        vec![IndexedFile { display: "lib.rs", facts: &facts, report: true, module: vec![] }],
        &settings,
    );
    (local.to_string(), index.answers(&TypeNeed { ty: kt, want }))
}

fn marker(b: &syn::Block) -> Option<&syn::Expr> {
    use syn::visit::Visit;
    struct M<'a>(Option<&'a syn::Expr>);
    impl<'a> Visit<'a> for M<'a> {
        fn visit_expr_call(&mut self, c: &'a syn::ExprCall) {
            if matches!(&*c.func, syn::Expr::Path(p) if p.path.is_ident("here")) {
                self.0 = c.args.first();
            }
            syn::visit::visit_expr_call(self, c);
        }
    }
    let mut m = M(None);
    m.visit_block(b);
    m.0
}

fn yes(src: &str, want: Want) {
    let (local, package) = ask_in(src, want);
    assert!(package, "package says no to {want:?} in {src}");
    assert_ne!(local, "no", "file says no to {want:?} in {src}");
}

fn no(src: &str, want: Want) {
    let (_, package) = ask_in(src, want);
    assert!(!package, "package says yes to {want:?} in {src}");
}

#[test]
fn parameters_locals_and_literals() {
    yes("fn f(m: &HashMap<String, u8>) { here(m); }", Want::Map);
    yes("fn f() { let m: BTreeMap<u8, u8> = x(); here(&m); }", Want::Map);
    yes("fn f() { let m = FxHashMap::default(); here(m); }", Want::HashMap);
    yes("fn f() { let v = vec![1]; here(v); }", Want::Lookup);
    yes("fn f() { here(\"lit\"); }", Want::Text);
    yes("fn f(n: u32) { let s = n.to_string(); here(s); }", Want::String);
    yes("fn f(it: I) { let v = it.collect::<Vec<u8>>(); here(v); }", Want::Slice);
    no("fn f(client: &Client) { here(client); }", Want::Map);
    no("fn f(path: &str) { here(path); }", Want::Lookup);
    no("fn f(id: u64) { here(id); }", Want::Text);
}

#[test]
fn patterns_wrappers_and_guards() {
    yes("fn f(docs: &[Vec<(&str, u32)>]) { for d in docs { for (n, _) in d { here(n); } } }", Want::Text);
    yes("fn f(m: &HashMap<String, Vec<u8>>) { for (k, v) in m.iter() { here(k); } }", Want::String);
    yes("fn f(m: &HashMap<String, Vec<u8>>) { for v in m.values() { here(v); } }", Want::Slice);
    yes("fn f(xs: &[String]) { for (i, x) in xs.iter().enumerate() { here(x); } }", Want::Text);
    yes("fn f(o: Option<Cow<str>>) { if let Some(s) = o { here(s); } }", Want::Text);
    yes("fn f(m: Arc<Mutex<HashMap<u8, u8>>>) { here(m.lock().unwrap()); }", Want::Map);
    yes("fn f(m: &RwLock<Box<DashMap<u8, u8>>>) { let g = m.read(); here(g); }", Want::HashMap);
    yes("fn f(xs: Vec<String>) { xs.iter().for_each(|x| here(x)); }", Want::Text);
    no("fn f(xs: &[u32]) { for x in xs { here(x); } }", Want::Text);
}

#[test]
fn fields_methods_functions_and_aliases_across_the_package() {
    let src = "type Names = HashSet<String>;\n\
               struct S { names: Names, inner: Inner }\n\
               struct Inner { by_id: BTreeMap<u64, String> }\n\
               fn load() -> Vec<String> { vec![] }\n\
               static TABLE: LazyLock<Mutex<HashMap<u8, u8>>> = LazyLock::new(Default::default);\n";
    let (local, package) = ask_in(&format!("{src}impl S {{ fn f(&self) {{ here(&self.names); }} }}"), Want::HashMap);
    assert_eq!((local.as_str(), package), ("pending", true));
    yes(&format!("{src}fn f(s: &S) {{ here(&s.inner.by_id); }}"), Want::Map);
    no(&format!("{src}fn f(s: &S) {{ here(&s.inner.by_id); }}"), Want::HashMap);
    yes(&format!("{src}fn f() {{ for n in load() {{ here(n); }} }}"), Want::Text);
    yes(&format!("{src}fn f() {{ here(TABLE.lock().unwrap()); }}"), Want::HashMap);
    yes(
        &format!("{src}impl S {{ fn get(&self) -> &Inner {{ &self.inner }} }}\nfn f(s: S) {{ here(s.get().by_id); }}"),
        Want::Map,
    );
    no(&format!("{src}fn f(s: &S) {{ here(&s.missing); }}"), Want::Map);
}
