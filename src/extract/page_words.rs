//! What a page's own words say it is: "page not found" wording in the
//! languages shops speak, a listing's count of what it shows ("53 products
//! found"), and the words that say the page answers a search.

use std::sync::LazyLock;

use regex::Regex;

use super::walls::{floor_char_boundary, fold_quotes};

/// Wording that says the page or product is not there. Matched on the
/// title and headings, after folding curly quotes.
static NOT_FOUND_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)(?-u:\b)404(?-u:\b)|(?-u:\b)(?:page|product|item|site)s? (?:was |is )?not found|not found(?-u:\b)|",
        r"can'?t find (?:that|this|the) page|couldn'?t find (?:that|this|the) page|",
        r"could not be found|can'?t be found|does(?:n'?t| not) exist|no longer (?:available|exists)|",
        r"looks like you'?re lost|you'?re lost|whoops|our bad|oops|page (?:is )?(?:currently )?unavailable|error page|broken link|something went wrong|",
        r"fehlerseite|felaktig länk|página indisponível|",
        r"seite (?:wurde )?nicht gefunden|nicht gefunden|existiert nicht|",
        r"page non trouvée|page introuvable|introuvable|n'existe (?:pas|plus)|",
        r"página no encontrada|no encontrad[oa]|no existe|",
        r"página não encontrada|não encontrad[oa]|não existe|",
        r"pagina non trovata|non trovat[oa]|non esiste|",
        r"pagina niet gevonden|niet gevonden|bestaat niet|",
        r"nie znaleziono|strona nie (?:istnieje|została znaleziona)|nie istnieje|",
        r"sidan (?:kunde inte hittas|finns inte)|hittades inte|",
        r"पृष्ठ नहीं मिला|पेज नहीं मिला|नहीं मिला|",
        r"ページが見つかりません|見つかりませんでした|ページは存在しません|存在しません|",
        r"页面不存在|找不到(?:该|此)?页面|페이지를 찾을 수 없|",
        r"страница не найдена|не найдена"
    ))
    .expect("valid regex")
});
static NOT_FOUND_TEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)(?:this|the) (?:product|item|page) (?:is|was) no longer available|",
        r"(?:product|page) (?:you are|you're|you were) looking for (?:could not be found|can'?t be found|does not exist|doesn'?t exist|is no longer available|has been (?:moved|removed))|",
        r"we (?:can'?t|cannot|couldn'?t|could not) find (?:that|this|the) page|",
        r"ce produit ou cette page semble introuvable|",
        r"die (?:gesuchte|angeforderte) seite (?:existiert nicht|wurde nicht gefunden|konnte nicht gefunden werden)|",
        r"la página que (?:buscas|estás buscando) no existe|",
        r"a página que você (?:procura|está procurando) não (?:existe|foi encontrada)|",
        r"la pagina che stai cercando non (?:esiste|è disponibile)|",
        r"de pagina die je zoekt (?:bestaat niet|kan niet worden gevonden)|",
        r"strona, której szukasz,? nie istnieje|",
        r"sidan du söker (?:finns inte|kunde inte hittas)|",
        r"お探しのページは見つかりませんでした|お探しのページは存在しません|",
        r"finns inte längre|nicht mehr verfügbar|n'est plus disponible|ya no está disponible"
    ))
    .expect("valid regex")
});

/// A listing's count of what it shows: "53 products found", "Showing
/// 1–12 of 40 results", "Zeige Treffer 1 bis 7 von 7", "733 Artikel".
///
/// Its word boundaries are ASCII ones (`(?-u:\b)`): a Unicode `\b` makes
/// the regex engine give up its fast automaton on any page with a
/// non-ASCII character, and this regex runs over every page's text. Unit
/// words that end in a non-ASCII letter ("товаров", "件") need no
/// boundary after them.
static RESULT_COUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)(?-u:\b)\d[\d.,'’ ]*\s*(?:",
        r"(?:products?|items?|results?|artikel|produkte|produits|articles|productos|produtos|resultados|ergebnisse|treffer|prodotti|risultati|producten|resultaten|produkter|wyników|produktów)(?-u:\b)|",
        r"résultats|ürün|sonuç|товаров|результат\w*|件|個の商品)|",
        r"(?-u:\b)showing\s+\d+\s*[-–]\s*\d+\s+of(?-u:\b)|(?-u:\b)zeige\s+treffer(?-u:\b)|(?-u:\b)mostrando\s+\d+\s*[-–]\s*\d+|",
        r"(?-u:\b)exibindo\s+\d+\s*[-–]\s*\d+|(?-u:\b)\d+\s*[-–]\s*\d+\s+(?:of|von|de|sur|di|van|av)\s+(?:over\s+)?\d"
    ))
    .expect("valid regex")
});
/// Words that say the page answers a search.
static SEARCH_TEXT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)search\s+results|results\s+for(?-u:\b)|did\s+not\s+match\s+any|no\s+results\s+found|you\s+searched\s+for|",
        r"buscaste|resultados\s+de\s+(?:la\s+)?búsqueda|resultados\s+para|suchergebnisse|ergebnisse\s+für|",
        r"résultats\s+de\s+(?:la\s+)?recherche|résultats\s+pour|risultati\s+(?:della\s+ricerca|per)|zoekresultaten|",
        r"sökresultat|wyniki\s+wyszukiwania|の検索結果|搜索结果|検索結果|검색\s+?결과|результаты\s+поиска"
    ))
    .expect("valid regex")
});

/// A listing's count of what it shows, and the text around it.
pub(crate) struct ResultCount {
    /// The count as the page says it: "53 products found".
    pub(crate) count: String,
    /// The text around it ("5,700+ results for iphone 13").
    pub(crate) around: String,
}

/// A count of the products or results a listing shows, if the page says
/// one, with the text around it.
pub(crate) fn result_count_in(text: &str) -> Option<ResultCount> {
    let found = count_match(text)?;
    let from = floor_char_boundary(text, found.start().saturating_sub(100));
    let to = floor_char_boundary(text, found.end() + 100);
    Some(ResultCount {
        count: found.as_str().trim().to_owned(),
        around: text[from..to].to_owned(),
    })
}

/// The first count of two or more: "0 items" and "1 item" are a cart's,
/// and "$39.99 Product details" is a price, not a count (a count has no
/// cents).
fn count_match(text: &str) -> Option<regex::Match<'_>> {
    RESULT_COUNT.find_iter(text).find(|m| {
        let number: String = m
            .as_str()
            .chars()
            .skip_while(|c| !c.is_ascii_digit())
            .take_while(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '\'' | '’' | ' '))
            .collect();
        let number = number.trim_end();
        let cents = number
            .rfind(['.', ','])
            .is_some_and(|at| (2..=3).contains(&(number.len() - at)));
        let digits: String = number.chars().filter(char::is_ascii_digit).collect();
        !cents && digits.parse::<u64>().map_or(true, |n| n >= 2)
    })
}

/// Words that say the page answers a search, if any.
pub(crate) fn search_words(text: &str) -> Option<String> {
    SEARCH_TEXT.find(text).map(|m| m.as_str().trim().to_owned())
}

/// Words beside a listing's count that say it answers a search: not the
/// "N results for Luxury Beauty" that shops print over a category too.
pub(crate) fn search_words_by_count(text: &str) -> Option<String> {
    SEARCH_TEXT
        .find_iter(text)
        .map(|m| m.as_str().trim().to_owned())
        .find(|w| !w.to_lowercase().starts_with("results"))
}

/// "Page not found" wording in a title or heading, if any.
pub(crate) fn not_found_heading(text: &str) -> bool {
    NOT_FOUND_HEADING.is_match(&fold_quotes(text))
}

/// "This page does not exist" wording in running text, if any: the words found.
pub(crate) fn not_found_text(text: &str) -> Option<String> {
    NOT_FOUND_TEXT
        .find(&fold_quotes(text))
        .map(|m| m.as_str().to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn result_count(text: &str) -> Option<String> {
        result_count_in(text).map(|c| c.count)
    }

    #[test]
    fn words_at_the_edge_of_a_pattern_are_whole_words_in_any_script() {
        assert!(NOT_FOUND_HEADING.is_match("Fehler 404"));
        assert!(!NOT_FOUND_HEADING.is_match("Model 4040"));
    }

    #[test]
    fn listing_counts_and_search_words() {
        for text in [
            "Sort by 53 Products found",
            "Showing 1–12 of 40 results",
            "Zeige Treffer 1 bis 7 von 7",
            "733 Artikel",
            "Café & Thé — 48 résultats",
            "Найдено 120 товаров",
            "全 35 件",
        ] {
            assert!(result_count(text).is_some(), "{text}");
        }
        // ASCII word boundaries still keep a count to whole words.
        assert_eq!(result_count("Prix spéciaux: 12 itemsets"), None);
        assert_eq!(result_count("Größe 38 Produktinfo"), None);
        assert_eq!(result_count("Trail Runner GTX, size 42"), None);
        assert_eq!(result_count("Cart £0.00 0 items"), None);
        assert_eq!(result_count("$39.99 Product details"), None);
        assert!(search_words("Buscaste: BATERIAS").is_some());
        assert!(search_words("nintendo switch の検索結果").is_some());
        assert_eq!(search_words("Research-grade microscope"), None);
    }

    #[test]
    fn not_found_in_many_languages() {
        for heading in [
            "We can’t find that page",
            "Looks like you’re lost",
            "404 Not Found",
            "Whoops, our bad...",
            "Page non trouvée",
            "Oups ! Ce produit ou cette page semble introuvable",
            "Seite nicht gefunden",
            "Página no encontrada",
            "Página não encontrada",
            "Pagina non trovata",
            "Pagina niet gevonden",
            "Nie znaleziono strony",
            "Sidan kunde inte hittas",
            "पृष्ठ नहीं मिला",
            "お探しのページは見つかりませんでした",
        ] {
            assert!(not_found_heading(heading), "{heading}");
        }
        for heading in ["Trail Runner GTX", "Nike Pegasus 40", "Sale: up to 40% off"] {
            assert!(!not_found_heading(heading), "{heading}");
        }
        assert!(not_found_text("Sorry, we can’t find that page. Try our bestsellers").is_some());
    }
}
