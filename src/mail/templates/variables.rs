//! Which context variables each template reads, found once at load by walking the compiled
//! template (partials included), and checked before every render (`EmailTemplates::render`
//! says why handlebars' strict mode is not enough). The tests of `super::super::emails` use
//! the same lists to prove that each email's struct provides what its templates read.

use std::collections::BTreeSet;

use handlebars::template::{Parameter, Template, TemplateElement};
use handlebars::{Handlebars, PathSeg};
use serde_json::Value;

use super::{EmailTemplates, TemplateError, PARTS};

impl EmailTemplates {
    /// Variables `name` reads from the top level of the context in `lang` (after fallback), sorted.
    pub fn required_variables(&self, name: &str, lang: &str) -> Result<Vec<String>, TemplateError> {
        let (_, language) = self.resolve_language(name, lang)?;
        let mut all = BTreeSet::new();
        for part in PARTS {
            if let Some(vars) = self.variables.get(&self.template_for(name, &language, part)) {
                all.extend(vars.iter().cloned());
            }
        }
        Ok(all.into_iter().collect())
    }

    /// An error naming the first variable `template` reads that `ctx` lacks, and the file.
    pub(super) fn check_variables(&self, template: &str, ctx: &Value) -> Result<(), TemplateError> {
        let Some(vars) = self.variables.get(template) else {
            return Ok(());
        };
        match vars.iter().find(|var| ctx.get(var.as_str()).is_none()) {
            Some(var) => Err(TemplateError::MissingVariable { file: self.origin(template), variable: var.clone() }),
            None => Ok(()),
        }
    }
}

/// The top-level context variables the registered template `name` reads, partials included;
/// an error if it includes a partial that does not exist. `origin` names the file in errors.
pub(super) fn used_by(
    registry: &Handlebars<'static>,
    name: &str,
    origin: &str,
) -> Result<BTreeSet<String>, TemplateError> {
    let template = registry.get_template(name).expect("`compile` registered it");
    let mut walk = Walk { registry, origin, partials: vec![name.to_owned()], found: BTreeSet::new() };
    walk.template(template, &BTreeSet::new(), true)?;
    Ok(walk.found)
}

/// Walks a compiled template to find the top-level context variables it reads, and checks
/// that every partial it includes exists.
struct Walk<'a> {
    registry: &'a Handlebars<'static>,
    origin: &'a str,
    /// Partials being walked, to stop on recursive includes.
    partials: Vec<String>,
    found: BTreeSet<String>,
}

impl Walk<'_> {
    /// `provided`: names a partial's hash parameters supply on top of the context.
    /// `collect`: false inside `each`/`with`, where names refer to the item, not the context;
    /// partials are still checked there.
    fn template(
        &mut self,
        template: &Template,
        provided: &BTreeSet<String>,
        collect: bool,
    ) -> Result<(), TemplateError> {
        for element in &template.elements {
            match element {
                TemplateElement::Expression(ht) | TemplateElement::HtmlExpression(ht) if collect => {
                    self.parameter(&ht.name, provided);
                    self.parameters(ht.params.iter().chain(ht.hash.values()), provided);
                }
                TemplateElement::HelperBlock(ht) => {
                    if collect {
                        self.parameters(ht.params.iter().chain(ht.hash.values()), provided);
                    }
                    // `each` and `with` move the context inside their block; `if`, `unless`
                    // and every `{{else}}` stay in the current one.
                    let same_scope = matches!(&ht.name, Parameter::Name(n) if n == "if" || n == "unless");
                    if let Some(inner) = &ht.template {
                        self.template(inner, provided, collect && same_scope)?;
                    }
                    if let Some(inverse) = &ht.inverse {
                        self.template(inverse, provided, collect)?;
                    }
                }
                TemplateElement::PartialExpression(dt) | TemplateElement::PartialBlock(dt) => {
                    if collect {
                        self.parameters(dt.params.iter().chain(dt.hash.values()), provided);
                    }
                    if let Some(block) = &dt.template {
                        self.template(block, provided, collect)?;
                    }
                    let Parameter::Name(partial) = &dt.name else {
                        continue; // a name computed at render time cannot be checked here
                    };
                    if partial.starts_with('@') || self.partials.contains(partial) {
                        continue;
                    }
                    let Some(included) = self.registry.get_template(partial) else {
                        return Err(TemplateError::UnknownPartial {
                            file: self.origin.to_owned(),
                            partial: partial.clone(),
                        });
                    };
                    let mut inner_provided = provided.clone();
                    inner_provided.extend(dt.hash.keys().cloned());
                    self.partials.push(partial.clone());
                    self.template(included, &inner_provided, collect)?;
                    self.partials.pop();
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn parameters<'p>(&mut self, params: impl Iterator<Item = &'p Parameter>, provided: &BTreeSet<String>) {
        for param in params {
            self.parameter(param, provided);
        }
    }

    fn parameter(&mut self, param: &Parameter, provided: &BTreeSet<String>) {
        match param {
            Parameter::Path(handlebars::Path::Relative((segments, _))) => {
                if let Some(PathSeg::Named(root)) = segments.first() {
                    if root != "this" && !provided.contains(root) {
                        self.found.insert(root.clone());
                    }
                }
            }
            Parameter::Subexpression(sub) => {
                self.parameters(
                    sub.params().into_iter().flatten().chain(sub.hash().into_iter().flat_map(|h| h.values())),
                    provided,
                );
            }
            _ => {}
        }
    }
}
