//! Unit tests for `score::codes`: which words are model codes, and how the
//! ad's codes relate to the page's.

use super::*;

fn same(ad: &str, page: &str) -> CodeEvidence {
    compare(&codes(ad), &codes(page), page)
}

#[test]
fn codes_are_read_without_separators() {
    assert_eq!(codes("Logitech 910-000298 mouse"), ["910000298"]);
    assert_eq!(codes("Brother HL-67A750"), ["hl67a750"]);
    assert_eq!(codes("Sony WH-1000XM5"), ["wh1000xm5"]);
    assert_eq!(codes("Calder ANC 700"), ["anc700"]);
    assert_eq!(codes("Galaxy S24 Ultra"), ["s24"]);
    assert_eq!(codes("Imation SLR5-8GB cartridge"), ["slr5"]);
}

#[test]
fn numbers_quantities_and_standards_are_not_codes() {
    for text in [
        "Pegasus 40",
        "40% off",
        "128GB 2-pack 500 ml",
        "Office 2007",
        "Business Pro 2007",
        "Adventure Workshop 4th-6th Grade",
        "Photo Clip Art 10 000",
        "BNC plug set of 25, MPEG-4, RS-232, ATX12V",
        "4th grade, 2nd edition",
        "DDR3 Cat5e MP3 USB3 v10 x64 4K 5G 1080p",
        "Bond Street Ltd. 5 attach case",
        "labels 1 3 cut 3-7 16",
        "36-inches 4-speaker PC2-6400",
        "Nuit d'Ambre EDP 100 ml",
        "glare filter for 16-17 monitors",
        "kraft paper 36 x 1000 ft",
        "antenna 2.4 GHz 9dBi",
    ] {
        assert_eq!(codes(text), Vec::<String>::new(), "{text}");
    }
}

#[test]
fn a_number_before_a_letter_unit_may_still_be_a_model() {
    assert_eq!(codes("Architect Series 3000 v 10"), ["3000"]);
}

#[test]
fn relations() {
    assert_eq!(relate("910000298", "910000298"), Relation::Same);
    assert_eq!(relate("c8727an", "hewc8727an"), Relation::Same);
    assert_eq!(relate("d5", "d05"), Relation::Same);
    assert_eq!(relate("txsr606", "txsr606b"), Relation::Variant);
    assert_eq!(relate("c6658an", "c6658an140"), Relation::Variant);
    assert_eq!(relate("cvem79pur", "cvem79red"), Relation::Variant);
    assert_eq!(relate("anc500", "anc700"), Relation::Conflict);
    assert_eq!(relate("s24", "s245"), Relation::Conflict);
    assert_eq!(relate("910000298", "910000301"), Relation::Conflict);
    assert_eq!(relate("wh1000xm5", "sdsdq008g"), Relation::Unrelated);
}

#[test]
fn evidence_across_both_sides() {
    assert_eq!(
        same("Logitech 910-000298", "910000298 wireless mouse"),
        CodeEvidence::Same("910000298".into())
    );
    assert_eq!(
        same("Brother HL-67A750 toner", "brother hl67a750"),
        CodeEvidence::Same("hl67a750".into())
    );
    assert_eq!(
        same("Yamaha TXSR606 receiver", "Yamaha TXSR606B receiver"),
        CodeEvidence::Variant("txsr606".into(), "txsr606b".into())
    );
    assert_eq!(
        same("Calder ANC-500", "Calder ANC-700"),
        CodeEvidence::Conflict("anc500".into(), "anc700".into())
    );
    assert_eq!(same("Pegasus 40", "Pegasus 41"), CodeEvidence::None);
    assert_eq!(
        same("StarTech ICUSB1284 adapter", "StarTech ICUSB128410 adapter"),
        CodeEvidence::Conflict("icusb1284".into(), "icusb128410".into())
    );
    assert_eq!(
        same(
            "Vexo DMSVGAVGA1 LFH 59 cable",
            "Vexo LFH 59 cable DMSDVIDVI1"
        ),
        CodeEvidence::Conflict("dmsvgavga1".into(), "dmsdvidvi1".into())
    );
    assert_eq!(
        same(
            "Vexo DMSVGAVGA1 LFH 59 cable",
            "Vexo LFH 59 cable DMSVGAVGA1"
        ),
        CodeEvidence::Same("dmsvgavga1".into())
    );
    assert_eq!(
        same("HP 51644C HP 44 ink", "new-51644C HP 44 ink"),
        CodeEvidence::Same("hp44".into())
    );
    assert_eq!(
        same("Brother HL67A750", "Brother HL 67A 750"),
        CodeEvidence::Same("hl67a750".into())
    );
}
