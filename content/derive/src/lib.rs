//! `#[derive(Content)]`: the one declaration of a content type.
//!
//! A content type is declared once, in `koers-content`'s `model.rs`: a struct or enum
//! with serde's attributes (`deny_unknown_fields`, `tag = "type"`, `rename_all`,
//! `default`, `rename`). serde's derives read those attributes for the editors' path
//! and schemars' derive for the JSON Schema; this derive reads the same attributes,
//! through serde's own parser of them (`serde_derive_internals`, as schemars does), and
//! writes from them:
//! - the residents' reader (`read::Content`, and `read::Record` for a struct: its
//!   fields read from an object), which the browser runs instead of serde's
//!   deserialisers (BENCHMARKS.md, issue 13);
//! - `FIELDS`, each struct's field names, and for an enum tagged by a field its
//!   `TYPES`, the names of its variants;
//! - with the feature `diagnosis`, `FIELD_TABLE`: each field's name, whether it must be
//!   there, and how serde reads it, for the editors' diagnosis of a block
//!   (`block_diagnosis.rs`).
//!
//! It knows the attributes the model uses; any other serde attribute that changes how
//! a document is read is refused at compile time, so the two readers cannot drift.
//! The generated code names `crate::…`: it is for `koers-content` only.

use proc_macro::TokenStream;
use proc_macro2::{Span, TokenStream as Tokens};
use quote::{quote, quote_spanned};
use serde_derive_internals::ast::{Container, Data, Field, Style, Variant};
use serde_derive_internals::attr::{Default as FieldDefault, Identifier, TagType};
use serde_derive_internals::{Ctxt, Derive};
use syn::spanned::Spanned;
use syn::{parse_macro_input, DeriveInput, GenericArgument, Ident, PathArguments, Type};

#[proc_macro_derive(Content, attributes(serde))]
pub fn derive_content(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand(&input)
        .unwrap_or_else(|e| e.to_compile_error())
        .into()
}

fn expand(input: &DeriveInput) -> syn::Result<Tokens> {
    let cx = Ctxt::new();
    let container = Container::from_ast(
        &cx,
        input,
        Derive::Deserialize,
        &Ident::new("__koers", Span::call_site()),
    );
    cx.check()?;
    let container = container.ok_or_else(|| error(input, "serde could not read this type"))?;
    let attrs = &container.attrs;
    if attrs.transparent()
        || attrs.type_from().is_some()
        || attrs.type_try_from().is_some()
        || !matches!(attrs.identifier(), Identifier::No)
    {
        return Err(error(input, UNKNOWN));
    }
    match &container.data {
        Data::Struct(Style::Struct, fields) => record(&container, fields),
        Data::Enum(variants) => match attrs.tag() {
            TagType::External if variants.iter().all(|v| matches!(v.style, Style::Unit)) => {
                names(&container, variants)
            }
            TagType::Internal { tag } => tagged(&container, tag, variants),
            _ => Err(error(input, UNKNOWN)),
        },
        _ => Err(error(input, UNKNOWN)),
    }
}

const UNKNOWN: &str = "koers-content's reader does not read this form of serde type or \
                       attribute; teach content/derive (and its test) first";

fn error(at: impl Spanned, message: &str) -> syn::Error {
    syn::Error::new(at.span(), message)
}

/// How a field is read when it is left out.
enum Absent {
    /// An error: the field must be there (`null` is refused too).
    Refused,
    /// `None` (an `Option`, as serde reads one); `null` is `None` too.
    Nothing,
    /// The type's default (`#[serde(default)]`); `null` is refused.
    Default,
}

/// A field of a struct or variant: its name in JSON, how it is read and its type.
struct Declared<'a> {
    member: &'a syn::Member,
    name: String,
    absent: Absent,
    ty: &'a Type,
    /// `T` of an `Option<T>`, else the type itself.
    read_as: &'a Type,
}

fn declared<'a>(fields: &'a [Field<'a>]) -> syn::Result<Vec<Declared<'a>>> {
    fields
        .iter()
        .map(|f| {
            let a = &f.attrs;
            if a.flatten()
                || a.skip_deserializing()
                || a.deserialize_with().is_some()
                || a.aliases().len() > 1
            {
                return Err(error(f.original, UNKNOWN));
            }
            let option = option_of(f.ty);
            // An `Option` is `None` when left out, with or without `default`.
            let absent = match (a.default(), option) {
                (FieldDefault::Path(_), _) => return Err(error(f.original, UNKNOWN)),
                (_, Some(_)) => Absent::Nothing,
                (FieldDefault::None, None) => Absent::Refused,
                (FieldDefault::Default, None) => Absent::Default,
            };
            Ok(Declared {
                member: &f.member,
                name: a.name().deserialize_name().value.clone(),
                absent,
                ty: f.ty,
                read_as: option.unwrap_or(f.ty),
            })
        })
        .collect()
}

/// `T` when `ty` is `Option<T>`.
fn option_of(ty: &Type) -> Option<&Type> {
    let Type::Path(path) = ty else { return None };
    let last = path.path.segments.last()?;
    if last.ident != "Option" {
        return None;
    }
    let PathArguments::AngleBracketed(args) = &last.arguments else {
        return None;
    };
    match args.args.first()? {
        GenericArgument::Type(inner) if args.args.len() == 1 => Some(inner),
        _ => None,
    }
}

/// The reading of each field from `f` (a `crate::read::Fields`), as struct fields.
fn reads(fields: &[Declared]) -> Vec<Tokens> {
    fields
        .iter()
        .map(|d| {
            let (member, name, read_as) = (d.member, &d.name, d.read_as);
            let how = match d.absent {
                Absent::Refused => quote!(required),
                Absent::Nothing => quote!(optional),
                Absent::Default => quote!(defaulted),
            };
            quote_spanned!(read_as.span()=> #member: f.#how::<#read_as>(#name)?)
        })
        .collect()
}

/// The editors' diagnosis table of `fields`: name, required, serde's reading.
fn field_table(fields: &[Declared]) -> Tokens {
    let rows = fields.iter().map(|d| {
        let (name, ty) = (&d.name, d.ty);
        let required = matches!(d.absent, Absent::Refused);
        quote!((#name, #required, crate::block_diagnosis::read::<#ty>))
    });
    quote!(&[#(#rows),*])
}

/// A struct: read from an object with these fields.
fn record(container: &Container, fields: &[Field]) -> syn::Result<Tokens> {
    let ident = &container.ident;
    let fields = declared(fields)?;
    let names = fields.iter().map(|d| &d.name);
    let reads = reads(&fields);
    let closed = container.attrs.deny_unknown_fields();
    let table = field_table(&fields);
    Ok(quote! {
        impl crate::read::Record for #ident {
            const FIELDS: &'static [&'static str] = &[#(#names),*];
            const CLOSED: bool = #closed;
            fn read_fields(f: &crate::read::Fields) -> crate::read::Read<Self> {
                Ok(#ident { #(#reads),* })
            }
        }

        impl crate::read::Content for #ident {
            fn read(json: &crate::json::Json) -> crate::read::Read<Self> {
                crate::read::record(json)
            }
        }

        #[cfg(feature = "diagnosis")]
        #[allow(dead_code)]
        impl #ident {
            /// Each field: its name, whether it must be there, serde's reading of it.
            pub(crate) const FIELD_TABLE: &'static [crate::block_diagnosis::Field] = #table;
        }
    })
}

/// An enum of names only (`"maandag"`): one of them, by its name.
fn names(container: &Container, variants: &[Variant]) -> syn::Result<Tokens> {
    let ident = &container.ident;
    let pairs = variants.iter().map(|v| {
        let (name, variant) = (&v.attrs.name().deserialize_name().value, &v.ident);
        quote!((#name, #ident::#variant))
    });
    Ok(quote! {
        impl crate::read::Content for #ident {
            fn read(json: &crate::json::Json) -> crate::read::Read<Self> {
                crate::read::one_of(json, &[#(#pairs),*])
            }
        }
    })
}

/// An enum tagged by a field (`{"type": "paragraph", "text": …}`): the variant the tag
/// names, its fields from the same object. A variant is a struct's fields, or one
/// struct (a newtype) whose fields stand beside the tag.
fn tagged(container: &Container, tag: &str, variants: &[Variant]) -> syn::Result<Tokens> {
    let ident = &container.ident;
    let mut types = Vec::new();
    let mut arms = Vec::new();
    let mut tables = Vec::new();
    for v in variants {
        if v.attrs.skip_deserializing() || v.attrs.other() || v.attrs.aliases().len() > 1 {
            return Err(error(v.original, UNKNOWN));
        }
        let name = v.attrs.name().deserialize_name().value.clone();
        let variant = &v.ident;
        match v.style {
            Style::Struct => {
                let fields = declared(&v.fields)?;
                let names = fields.iter().map(|d| &d.name);
                let reads = reads(&fields);
                arms.push(quote! {
                    #name => (#ident::#variant { #(#reads),* }, &[#(#names),*])
                });
                let table = field_table(&fields);
                tables.push(quote!((#name, #table)));
            }
            Style::Newtype => {
                let inner = v.fields[0].ty;
                arms.push(quote! {
                    #name => (
                        #ident::#variant(<#inner as crate::read::Record>::read_fields(&f)?),
                        <#inner as crate::read::Record>::FIELDS,
                    )
                });
                tables.push(quote!((#name, <#inner>::FIELD_TABLE)));
            }
            _ => return Err(error(v.original, UNKNOWN)),
        }
        types.push(name);
    }
    let closed = container.attrs.deny_unknown_fields();
    Ok(quote! {
        impl #ident {
            /// The tag of each variant, in the order of the variants.
            pub const TYPES: &'static [&'static str] = &[#(#types),*];
        }

        impl crate::read::Content for #ident {
            fn read(json: &crate::json::Json) -> crate::read::Read<Self> {
                let f = crate::read::Fields::open(json)?;
                let tag: String = f.required::<String>(#tag)?;
                let (value, fields): (Self, &[&str]) = match tag.as_str() {
                    #(#arms,)*
                    other => return Err(crate::read::unknown_variant(other, Self::TYPES).within(#tag)),
                };
                f.only(&[&[#tag], fields], #closed)?;
                Ok(value)
            }
        }

        #[cfg(feature = "diagnosis")]
        #[allow(dead_code)]
        impl #ident {
            /// The fields of each variant, by its tag: name, whether it must be there,
            /// serde's reading of it.
            pub(crate) const FIELD_TABLE: &'static [(&'static str, &'static [crate::block_diagnosis::Field])] =
                &[#(#tables),*];
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use syn::parse_quote;

    fn refused(input: DeriveInput) -> String {
        expand(&input).unwrap_err().to_string()
    }

    #[test]
    fn what_serde_would_read_otherwise_is_refused_at_compile_time() {
        for input in [
            parse_quote! { struct A { #[serde(flatten)] b: B } },
            parse_quote! { struct A { #[serde(alias = "c")] b: String } },
            parse_quote! { struct A { #[serde(default = "nothing")] b: String } },
            parse_quote! { struct A { #[serde(skip_deserializing)] b: String } },
            parse_quote! { struct A { #[serde(deserialize_with = "f")] b: String } },
            parse_quote! { struct A(String); },
            parse_quote! { #[serde(untagged)] enum A { B { c: String } } },
            parse_quote! { enum A { B { c: String } } },
            parse_quote! { #[serde(tag = "t", content = "c")] enum A { B { c: String } } },
            parse_quote! { #[serde(tag = "type")] enum A { #[serde(other)] B } },
            parse_quote! { #[serde(transparent)] struct A { b: String } },
        ] {
            let message = refused(input);
            assert!(message.contains("does not read this form"), "{message}");
        }
    }

    #[test]
    fn fields_are_read_as_serde_reads_them() {
        let input: DeriveInput = parse_quote! {
            #[serde(deny_unknown_fields)]
            struct A {
                needed: String,
                #[serde(rename = "other")]
                renamed: String,
                maybe: Option<String>,
                #[serde(default, skip_serializing_if = "Option::is_none")]
                maybe_too: Option<String>,
                #[serde(default)]
                many: Vec<String>,
            }
        };
        let code = expand(&input).unwrap().to_string();
        for read in [
            r#"needed : f . required :: < String > ("needed")"#,
            r#"renamed : f . required :: < String > ("other")"#,
            r#"maybe : f . optional :: < String > ("maybe")"#,
            r#"maybe_too : f . optional :: < String > ("maybe_too")"#,
            r#"many : f . defaulted :: < Vec < String > > ("many")"#,
            r#"const FIELDS : & 'static [& 'static str] = & ["needed" , "other" , "maybe" , "maybe_too" , "many"]"#,
            "const CLOSED : bool = true",
        ] {
            assert!(code.contains(read), "{read}\nin {code}");
        }
    }

    #[test]
    fn a_tagged_enum_names_its_variants_as_serde_does() {
        let input: DeriveInput = parse_quote! {
            #[serde(tag = "type", rename_all = "snake_case")]
            enum A { SubHeading { text: String }, Contact(Point) }
        };
        let code = expand(&input).unwrap().to_string();
        assert!(
            code.contains(
                r#"const TYPES : & 'static [& 'static str] = & ["sub_heading" , "contact"]"#
            ),
            "{code}"
        );
        assert!(code.contains("< Point as crate :: read :: Record > :: read_fields"));
        let names: DeriveInput = parse_quote! {
            #[serde(rename_all = "lowercase")]
            enum Kind { Missie, #[serde(rename = "anders")] Visie }
        };
        let code = expand(&names).unwrap().to_string();
        assert!(
            code.contains(r#"("missie" , Kind :: Missie) , ("anders" , Kind :: Visie)"#),
            "{code}"
        );
    }
}
