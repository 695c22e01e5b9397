//! The structure of a campaign file read member by member: the top level,
//! each campaign, and an ad that does not read as a whole. Each member is
//! checked on its own, so that one wrong or unknown field never hides the
//! problems of the next, and all of them are reported in one pass.

use serde_json::Value;

use super::locate::JsonPath;
use super::validate::{typed, Problem};
use super::{wording, Ad, DeclaredProduct};

/// The members a campaign has.
const CAMPAIGN_FIELDS: [&str; 3] = ["id", "name", "ads"];

/// The list of campaigns of the file's top-level object; every problem of
/// the top level is recorded. `Err` when there is nothing more to check.
pub(super) fn campaign_list(
    root: Value,
    problems: &mut Vec<Problem>,
) -> Result<Vec<Value>, Vec<Problem>> {
    let root_path = JsonPath::default();
    let Value::Object(mut root) = root else {
        return Err(vec![Problem::at(
            root_path,
            wording::not_a_campaign_file(&root),
        )]);
    };
    // Every member is checked, so that one unknown field does not hide
    // the problems of the ads.
    for key in root.keys().filter(|k| *k != "campaigns") {
        problems.push(Problem::at(
            root_path.key(key),
            wording::unknown_field(key, &["\"campaigns\"".to_owned()]),
        ));
    }
    let campaigns_path = root_path.key("campaigns");
    Ok(match root.remove("campaigns") {
        Some(Value::Array(list)) => list,
        Some(other) => {
            problems.push(Problem::at(
                campaigns_path.clone(),
                format!(
                    "\"campaigns\" must be a list of campaigns in square brackets; found {}",
                    wording::describe(&other)
                ),
            ));
            Vec::new()
        }
        None => {
            problems.push(Problem::at(
                root_path.clone(),
                "the required field \"campaigns\" is missing",
            ));
            return Err(std::mem::take(problems));
        }
    })
}

/// An ad whose every member is valid, to try the members of a broken ad
/// in one at a time.
fn stand_in_ad() -> Value {
    serde_json::json!({"id": "-", "url": "https://stand-in.example/", "product": {"name": "-"}})
}

/// Every problem of an ad entry that does not read as a whole: each member
/// is tried on its own in a stand-in ad, so that one wrong field does not
/// hide the next. Also gives the ad made of its good members, for the
/// checks that need a whole ad.
pub(super) fn member_problems(value: &Value, path: &JsonPath) -> (Vec<Problem>, Option<Ad>) {
    let Value::Object(members) = value else {
        let problem = typed::<Ad>(value.clone(), path).err();
        return (problem.into_iter().collect(), None);
    };
    let mut problems: Vec<Problem> = ["id", "url", "product"]
        .into_iter()
        .filter(|key| !members.contains_key(*key))
        .map(|key| {
            Problem::at(
                path.clone(),
                format!("the required field \"{key}\" is missing"),
            )
        })
        .collect();
    let mut good = stand_in_ad();
    for (key, member) in members {
        if let (true, Value::Object(fields)) = (key == "product", member) {
            let product_path = path.key("product");
            if !fields.contains_key("name") {
                problems.push(Problem::at(
                    product_path.clone(),
                    "the required field \"name\" is missing",
                ));
            }
            for (field, v) in fields {
                if let (true, Value::Object(price)) = (field == "price", v) {
                    good["product"]["price"] = price_members(price, &product_path, &mut problems);
                    continue;
                }
                let mut probe = serde_json::json!({"name": "-"});
                probe[field] = v.clone();
                match typed::<DeclaredProduct>(probe, &product_path) {
                    Ok(_) => good["product"][field] = v.clone(),
                    Err(p) => problems.push(p),
                }
            }
            continue;
        }
        let mut probe = stand_in_ad();
        probe[key] = member.clone();
        match typed::<Ad>(probe, path) {
            Ok(_) => good[key] = member.clone(),
            Err(p) => problems.push(p),
        }
    }
    (problems, typed::<Ad>(good, path).ok())
}

/// Every problem of a declared price, each member tried on its own in a
/// stand-in price, so that a wrong amount does not hide a wrong currency;
/// gives the price made of its good members.
fn price_members(
    price: &serde_json::Map<String, Value>,
    product_path: &JsonPath,
    problems: &mut Vec<Problem>,
) -> Value {
    let stand_in = serde_json::json!({"amount": 0, "currency": "USD"});
    for key in ["amount", "currency"] {
        if !price.contains_key(key) {
            problems.push(Problem::at(
                product_path.key("price"),
                format!("the required field \"{key}\" is missing"),
            ));
        }
    }
    let mut good = stand_in.clone();
    for (key, member) in price {
        let mut probe = serde_json::json!({"name": "-", "price": stand_in.clone()});
        probe["price"][key] = member.clone();
        match typed::<DeclaredProduct>(probe, product_path) {
            Ok(_) => good[key] = member.clone(),
            Err(p) => problems.push(p),
        }
    }
    good
}

/// The parts of a campaign that are there; every problem with it is
/// recorded. `None` when it is not an object at all.
pub(super) struct CampaignShape {
    pub(super) id: Option<String>,
    pub(super) name: Option<String>,
    pub(super) ads: Vec<Value>,
}

pub(super) fn campaign_shape(
    value: Value,
    path: &JsonPath,
    problems: &mut Vec<Problem>,
) -> Option<CampaignShape> {
    let Value::Object(mut members) = value else {
        problems.push(Problem::at(
            path.clone(),
            format!(
                "each campaign must be an object with an id, a name and a list of ads, e.g. {{\"id\": \"spring\", \"name\": \"Spring sale\", \"ads\": [...]}}; found {}",
                wording::describe(&value)
            ),
        ));
        return None;
    };
    let allowed: Vec<String> = CAMPAIGN_FIELDS.iter().map(|f| format!("\"{f}\"")).collect();
    for key in members
        .keys()
        .filter(|k| !CAMPAIGN_FIELDS.contains(&k.as_str()))
    {
        problems.push(Problem::at(
            path.key(key),
            wording::unknown_field(key, &allowed),
        ));
    }
    let mut text = |key: &str| match members.remove(key) {
        Some(Value::String(s)) => Some(s),
        Some(other) => {
            problems.push(Problem::at(
                path.key(key),
                format!(
                    "\"{key}\" must be text in quotes; found {}",
                    wording::describe(&other)
                ),
            ));
            None
        }
        None => {
            problems.push(Problem::at(
                path.clone(),
                format!("the required field \"{key}\" is missing"),
            ));
            None
        }
    };
    let (id, name) = (text("id"), text("name"));
    let ads = match members.remove("ads") {
        Some(Value::Array(ads)) => ads,
        Some(other) => {
            problems.push(Problem::at(
                path.key("ads"),
                format!(
                    "\"ads\" must be a list of ads in square brackets; found {}",
                    wording::describe(&other)
                ),
            ));
            Vec::new()
        }
        None => {
            problems.push(Problem::at(
                path.clone(),
                "the required field \"ads\" is missing",
            ));
            Vec::new()
        }
    };
    Some(CampaignShape { id, name, ads })
}
