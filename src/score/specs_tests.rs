//! Unit tests for `score::specs`: standards, colours, screen sizes,
//! lengths, packs and compatible articles that tell two articles apart.

use super::*;

#[test]
fn standards_in_other_versions_differ() {
    assert!(differing_standard(
        "Drivemate 500GB USB 3.0 portable drive",
        "Drivemate 500 GB USB 2.0 portable drive"
    )
    .is_some());
    assert!(
        differing_standard("Drivemate USB3 enclosure", "Drivemate SuperSpeed enclosure").is_none()
    );
    assert!(differing_standard("Drivemate USB 3.0 hub", "Drivemate hub").is_none());
    assert!(
        differing_standard("Linkway USB 2.0/3.0 cable", "Linkway USB 3.0 cable 6 ft").is_none()
    );
    assert!(differing_standard("Linkway HDMI 15 ft", "Linkway HDMI 6 ft").is_none());
}

#[test]
fn colours_each_side_lacks_differ() {
    let differ = |a: &str, p: &str| differing_colour(a, p).is_some();
    assert!(differ(
        "Torq steel tower chassis black",
        "Torq steel tower chassis - white"
    ));
    assert!(differ(
        "Pocket case matte black",
        "Pocket case matte turquoise"
    ));
    assert!(!differ(
        "Optical Mouse 3000 Silver Blue",
        "Optical Mouse 3000 Blue"
    ));
    assert!(!differ("Pocket case blue black", "Pocket case blue"));
    assert!(differ(
        "Shell case for tablet black",
        "Shell case for tablet clear"
    ));
    assert!(differ("Credenza 72w mahogany", "Credenza 72w medium oak"));
    assert!(!differ("Notebook sleeve black", "Notebook sleeve - onyx"));
    assert!(!differ("Pocket case schwarz", "Pocket case black"));
    assert!(differ("Ink tank black", "Ink tank gray"));
}

#[test]
fn screens_of_another_diagonal_differ() {
    let differ = |a: &str, p: &str| differing_diagonal(a, p).is_some();
    assert!(differ(
        "Lumen matte white manual screen - 164 diagonal",
        "Lumen matte white manual screen - size 94 diagonal"
    ));
    assert!(!differ(
        "Lumen tensioned screen - 133 diagonal",
        "Lumen tensioned screen - 133-inch - 16:9"
    ));
    assert!(!differ(
        "Lumen tensioned screen - 133 diagonal",
        "Lumen tensioned screen"
    ));
    assert!(!differ("Lumen tablet 10.1-inch", "Lumen tablet 8.9-inch"));
}

#[test]
fn lengths_and_packs() {
    assert!(
        differing_length("Linkway component cable 3m", "Linkway component cable 10 m").is_some()
    );
    assert!(differing_length("Linkway cable 6 ft", "Linkway cable 6-foot").is_none());
    assert!(differing_length("Linkway cable 1.8m", "Linkway cable 6 ft").is_none());
    assert!(differing_length("Linkway cable 3m", "Linkway cable").is_none());
    assert!(one_sided_pack("Voltix AA batteries 6pk", "Voltix batteries").is_some());
    assert!(one_sided_pack(
        "Voltix powerline adapter",
        "Voltix powerline adapter kit - 2 units"
    )
    .is_some());
    assert!(one_sided_pack("Voltix AA batteries 6pk", "Voltix AA batteries, pack of 6").is_none());
    assert!(one_sided_pack("Voltix adapter", "Voltix adapter 1-pack").is_none());
    assert!(one_sided_pack(
        "Voltix binder pockets 3 pack",
        "Voltix binder pockets, 3 pockets pack"
    )
    .is_none());
    assert!(one_sided_pack("Voltix radio 2-pack", "Voltix two-way radio pair").is_none());
    assert!(one_sided_pack("Voltix mounts in pair", "Voltix mounts-1pair").is_none());
    assert!(one_sided_pack(
        "Voltix 10-pack blank discs",
        "Voltix blank discs 10-disc spindle"
    )
    .is_none());
    assert!(one_sided_pack("Voltix games 5000", "Voltix games 5000 pack").is_none());
}

#[test]
fn compatible_articles_are_not_the_original() {
    assert!(not_the_original(
        "Printa CE278A black toner cartridge",
        "Compatible black toner cartridge, replaces Printa CE278A"
    )
    .is_some());
    assert!(not_the_original(
        "Remanufactured Printa CE278A toner",
        "Printa CE278A toner, remanufactured"
    )
    .is_none());
    assert!(not_the_original(
        "Lumen projector lamp V13H",
        "Lumen replacement projector lamp V13H"
    )
    .is_none());
    assert!(not_the_original(
        "Volta 500W power supply",
        "Volta 500W power supply compatible with Intel and AMD platforms"
    )
    .is_none());
}

#[test]
fn rounded_sizes_are_one_size() {
    assert!(same_amount("12.1mp", "12mp"));
    assert!(same_amount("1024gb", "1000gb"));
    assert!(!same_amount("15.4in", "15.6in"));
    assert!(!same_amount("2.5in", "3in"));
    assert!(!same_amount("4gb", "8gb"));
    assert!(!same_amount("12mp", "12gb"));
}
