//! Renders `ui/src/lib/commands.ts` from the one command list (`api_handlers!` in
//! `src-tauri/api/mod.rs`) and the signatures of the command functions it names: each command
//! becomes a typed function whose parameters have the Rust parameters' names (camelCase, as
//! Tauri passes them) and types (from the ts-rs bindings), so renaming or retyping an argument
//! in Rust makes the committed file stale (this test fails) and, once regenerated, makes every
//! UI call that still uses the old shape fail the type check.
use std::collections::BTreeSet;
use std::path::Path;
use syn::{FnArg, GenericArgument, Item, PathArguments, ReturnType, Type};

pub const PATH: &str = "ui/src/lib/commands.ts";

/// `(module, function)` of every command, in the list's order.
fn command_list(root: &Path) -> Vec<(String, String)> {
    let src = std::fs::read_to_string(root.join("src-tauri/api/mod.rs")).expect("api/mod.rs");
    let start =
        src.find("generate_handler![").expect("the command list") + "generate_handler![".len();
    let end = start + src[start..].find(']').expect("end of the command list");
    src[start..end]
        .split(',')
        .filter_map(|e| e.trim().strip_prefix("$crate::api::"))
        .map(|p| {
            let (m, f) = p.split_once("::").expect("module::function");
            (m.to_string(), f.to_string())
        })
        .collect()
}

fn camel(s: &str) -> String {
    let mut out = String::new();
    let mut up = false;
    for c in s.chars() {
        if c == '_' {
            up = true;
        } else if up {
            out.extend(c.to_uppercase());
            up = false;
        } else {
            out.push(c);
        }
    }
    out
}

fn generic(seg: &syn::PathSegment) -> Vec<&Type> {
    match &seg.arguments {
        PathArguments::AngleBracketed(a) => a
            .args
            .iter()
            .filter_map(|g| match g {
                GenericArgument::Type(t) => Some(t),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// The TypeScript of a Rust type; names of binding types are collected into `used`.
fn ts(t: &Type, used: &mut BTreeSet<String>) -> String {
    match t {
        Type::Reference(r) => ts(&r.elem, used),
        Type::Tuple(t) if t.elems.is_empty() => "null".into(),
        Type::Tuple(t) => format!(
            "[{}]",
            t.elems
                .iter()
                .map(|e| ts(e, used))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Type::Path(p) => {
            let seg = p.path.segments.last().expect("a type name");
            let name = seg.ident.to_string();
            let args = generic(seg);
            match name.as_str() {
                "i8" | "i16" | "i32" | "i64" | "u8" | "u16" | "u32" | "u64" | "usize" | "f32"
                | "f64" => "number".into(),
                "String" | "str" | "PathBuf" => "string".into(),
                "bool" => "boolean".into(),
                "Option" => format!("{} | null", ts(args[0], used)),
                "Vec" => {
                    let inner = ts(args[0], used);
                    if inner.contains(' ') {
                        format!("({inner})[]")
                    } else {
                        format!("{inner}[]")
                    }
                }
                "Result" => ts(args[0], used),
                _ => {
                    used.insert(name.clone());
                    name
                }
            }
        }
        other => panic!("no TypeScript for {}", quote_type(other)),
    }
}

fn quote_type(t: &Type) -> String {
    format!("{:?}", std::mem::discriminant(t))
}

/// Parameters Tauri fills itself rather than the caller.
fn injected(t: &Type) -> bool {
    let Type::Path(p) = t else { return false };
    let name = p.path.segments.last().map(|s| s.ident.to_string());
    matches!(
        name.as_deref(),
        Some("State" | "AppHandle" | "Window" | "WebviewWindow")
    )
}

pub fn render(root: &Path) -> String {
    let mut used = BTreeSet::new();
    let mut lines = Vec::new();
    for (module, function) in command_list(root) {
        let file = root.join(format!("src-tauri/api/{module}.rs"));
        let src = std::fs::read_to_string(&file).expect("command module");
        let parsed = syn::parse_file(&src).expect("parse the command module");
        let f = parsed
            .items
            .iter()
            .find_map(|i| match i {
                Item::Fn(f) if f.sig.ident == function => Some(f),
                _ => None,
            })
            .unwrap_or_else(|| {
                panic!("{function} named in the command list is not in {module}.rs")
            });
        let mut params = Vec::new();
        let mut names = Vec::new();
        for input in &f.sig.inputs {
            let FnArg::Typed(pt) = input else { continue };
            if injected(&pt.ty) {
                continue;
            }
            let syn::Pat::Ident(id) = &*pt.pat else {
                panic!("{function}: parameters must be plain names")
            };
            let name = camel(&id.ident.to_string());
            params.push(format!("{name}: {}", ts(&pt.ty, &mut used)));
            names.push(name);
        }
        let ret = match &f.sig.output {
            ReturnType::Default => "null".to_string(),
            ReturnType::Type(_, t) => ts(t, &mut used),
        };
        let args = if names.is_empty() {
            String::new()
        } else {
            format!(", {{ {} }}", names.join(", "))
        };
        lines.push(format!(
            "  {}: ({}): Promise<{ret}> =>\n    invoke<{ret}>(\"{function}\"{args}),",
            camel(&function),
            params.join(", ")
        ));
    }
    let mut out = String::from(
        "// Generated from the command list (src-tauri/api/mod.rs) and the command functions'\n\
         // signatures by tests/bindings.rs. Do not edit by hand: run\n\
         // `UPDATE_BINDINGS=1 cargo test --test bindings` after changing a command.\n\
         import { invoke } from \"@tauri-apps/api/core\";\n",
    );
    if !used.is_empty() {
        out.push_str("import type {\n");
        for u in &used {
            out.push_str(&format!("  {u},\n"));
        }
        out.push_str("} from \"./bindings\";\n");
    }
    out.push_str("\nexport const commands = {\n");
    for l in lines {
        out.push_str(&l);
        out.push('\n');
    }
    out.push_str("};\n");
    out
}
