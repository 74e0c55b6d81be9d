//! `#[derive(FromValue)]`: a momo-core model's decoder from the core's
//! `Value` tree, generated from the same `#[serde(...)]` attributes its
//! `Serialize` reads, so each model is still described once.
//!
//! serde's own `Deserialize` derive writes a visitor per model whose code,
//! monomorphized and inlined, was a third of the npm package's .wasm. This
//! derive writes one call per field into small shared helpers
//! (`momo_core::from_value`): the model's decoder is a table of its field
//! names and a list of reads.
//!
//! Supported, as serde means them: container `rename_all = "camelCase"`,
//! `deny_unknown_fields` and `default`; field `rename`, `alias`, `default`,
//! `default = "path"`, `deserialize_with = "path"`, `skip_deserializing` and
//! `skip`. Serialize-only attributes are ignored. Anything else is a
//! compile error, so a model can never silently decode differently from
//! what its attributes say.

#![forbid(unsafe_code)]

use proc_macro::TokenStream;
use proc_macro2::TokenStream as Tokens;
use quote::quote;
use syn::{parse_macro_input, Data, DeriveInput, Fields, LitStr, Path};

/// Derives `momo_core::from_value::FromValue` (and serde's `Deserialize`
/// through it) for a struct with named fields.
#[proc_macro_derive(FromValue, attributes(serde))]
pub fn derive_from_value(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand(&input)
        .unwrap_or_else(syn::Error::into_compile_error)
        .into()
}

/// How a field is read.
struct FieldSpec {
    ident: syn::Ident,
    key: String,
    aliases: Vec<String>,
    default: Default,
    with: Option<Path>,
    skip: bool,
}

/// What a missing field becomes.
enum Default {
    /// No attribute: the field type decides (`None` for an Option, else
    /// "missing field").
    None,
    /// `default`: `Default::default()`.
    Trait,
    /// `default = "path"`: `path()`.
    Path(Path),
}

struct Container {
    camel_case: bool,
    deny_unknown: bool,
    default: bool,
}

fn expand(input: &DeriveInput) -> syn::Result<Tokens> {
    let Data::Struct(data) = &input.data else {
        return Err(syn::Error::new_spanned(
            input,
            "FromValue: structs only (enums keep serde's Deserialize)",
        ));
    };
    let Fields::Named(named) = &data.fields else {
        return Err(syn::Error::new_spanned(
            input,
            "FromValue: named fields only",
        ));
    };
    let container = container(input)?;
    let specs = named
        .named
        .iter()
        .map(|f| field(f, &container))
        .collect::<syn::Result<Vec<_>>>()?;

    let name = &input.ident;
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    let read: Vec<&FieldSpec> = specs.iter().filter(|s| !s.skip).collect();
    let keys = read.iter().map(|s| &s.key);
    let aliases = read
        .iter()
        .enumerate()
        .flat_map(|(i, s)| s.aliases.iter().map(move |a| quote!((#a, #i))));
    let deny = container.deny_unknown;
    let struct_name = name.to_string();
    let base = container
        .default
        .then(|| quote!(let mut __base: Self = ::core::default::Default::default();));

    let mut slot = 0usize;
    let mut inits = Vec::new();
    for s in &specs {
        let ident = &s.ident;
        if s.skip {
            inits.push(quote!(#ident: ::core::default::Default::default()));
            continue;
        }
        let i = slot;
        slot += 1;
        let key = &s.key;
        let take = quote!(__slots[#i].take());
        let missing = match (&s.default, container.default) {
            (Default::Trait, _) => quote!(Some(::core::default::Default::default)),
            (Default::Path(p), _) => quote!(Some(#p)),
            (Default::None, true) => quote!(Some(|| ::core::mem::take(&mut __base.#ident))),
            (Default::None, false) => quote!(None::<fn() -> _>),
        };
        let read = match &s.with {
            // serde's null_as_empty reads nested models: keep their paths.
            Some(with)
                if with
                    .segments
                    .last()
                    .is_some_and(|l| l.ident == "null_as_empty") =>
            {
                quote! {
                    ::momo_core::from_value::field_null_as_empty(#take, #key, __keys, #missing)
                }
            }
            Some(with) => quote! {
                ::momo_core::from_value::field_with(#take, #key, #with, #missing)
            },
            None => quote! {
                ::momo_core::from_value::field(#take, #key, __keys, #missing)
            },
        };
        inits.push(quote!(#ident: #read?));
    }

    Ok(quote! {
        impl #impl_generics ::momo_core::from_value::FromValue for #name #ty_generics #where_clause {
            fn from_value(
                __value: ::momo_core::value::Value,
                __keys: ::momo_core::from_value::StructKeys,
            ) -> ::core::result::Result<Self, ::momo_core::from_value::DecodeError> {
                const __SHAPE: ::momo_core::from_value::Shape = ::momo_core::from_value::Shape {
                    name: #struct_name,
                    fields: &[#(#keys),*],
                    aliases: &[#(#aliases),*],
                    deny_unknown: #deny,
                };
                let mut __slots = ::momo_core::from_value::slots(__value, __keys, &__SHAPE)?;
                #base
                ::core::result::Result::Ok(Self { #(#inits),* })
            }
        }

        impl<'de> ::momo_core::from_value::serde::Deserialize<'de> for #name #ty_generics #where_clause {
            fn deserialize<__D: ::momo_core::from_value::serde::Deserializer<'de>>(
                __deserializer: __D,
            ) -> ::core::result::Result<Self, __D::Error> {
                ::momo_core::from_value::deserialize(__deserializer)
            }
        }
    })
}

fn container(input: &DeriveInput) -> syn::Result<Container> {
    let mut c = Container {
        camel_case: false,
        deny_unknown: false,
        default: false,
    };
    for attr in input.attrs.iter().filter(|a| a.path().is_ident("serde")) {
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("rename_all") {
                let style: LitStr = meta.value()?.parse()?;
                if style.value() != "camelCase" {
                    return Err(meta.error("FromValue: only rename_all = \"camelCase\""));
                }
                c.camel_case = true;
            } else if meta.path.is_ident("deny_unknown_fields") {
                c.deny_unknown = true;
            } else if meta.path.is_ident("default") {
                c.default = true;
            } else {
                return Err(meta.error("FromValue: unsupported serde container attribute"));
            }
            Ok(())
        })?;
    }
    Ok(c)
}

fn field(f: &syn::Field, c: &Container) -> syn::Result<FieldSpec> {
    let ident = f.ident.clone().expect("named field");
    let name = ident.to_string();
    let mut spec = FieldSpec {
        key: if c.camel_case { camel(&name) } else { name },
        ident,
        aliases: Vec::new(),
        default: Default::None,
        with: None,
        skip: false,
    };
    for attr in f.attrs.iter().filter(|a| a.path().is_ident("serde")) {
        attr.parse_nested_meta(|meta| {
            let p = &meta.path;
            if p.is_ident("rename") {
                spec.key = meta.value()?.parse::<LitStr>()?.value();
            } else if p.is_ident("alias") {
                spec.aliases.push(meta.value()?.parse::<LitStr>()?.value());
            } else if p.is_ident("default") {
                spec.default = if meta.input.peek(syn::Token![=]) {
                    Default::Path(meta.value()?.parse::<LitStr>()?.parse()?)
                } else {
                    Default::Trait
                };
            } else if p.is_ident("deserialize_with") {
                spec.with = Some(meta.value()?.parse::<LitStr>()?.parse()?);
            } else if p.is_ident("skip_deserializing") || p.is_ident("skip") {
                spec.skip = true;
            } else if p.is_ident("skip_serializing_if") || p.is_ident("serialize_with") {
                // Serialize-only: read by serde's Serialize derive.
                let _: LitStr = meta.value()?.parse()?;
            } else if p.is_ident("skip_serializing") {
            } else {
                return Err(meta.error("FromValue: unsupported serde field attribute"));
            }
            Ok(())
        })?;
    }
    Ok(spec)
}

/// serde's camelCase: `order_id` -> `orderId`.
fn camel(snake: &str) -> String {
    let mut out = String::with_capacity(snake.len());
    let mut upper = false;
    for ch in snake.chars() {
        if ch == '_' {
            upper = true;
        } else if upper {
            out.extend(ch.to_uppercase());
            upper = false;
        } else {
            out.push(ch);
        }
    }
    out
}
