//! Countries whose regions keep different civil time: which zone holds where.
//!
//! Multi-zone countries. Areas are (latitude, longitude); the first rule that
//! holds the point wins, so later rules may overlap earlier ones.

use super::Tz;
use super::lookup::{Area, Locate, Regions, b};

pub(super) static ANTARCTICA: Regions = Regions {
    candidates: &[
        Tz::Antarctica__McMurdo,
        Tz::Antarctica__Casey,
        Tz::Antarctica__Davis,
        Tz::Antarctica__DumontDUrville,
        Tz::Antarctica__Mawson,
        Tz::Antarctica__Palmer,
        Tz::Antarctica__Rothera,
        Tz::Antarctica__Syowa,
        Tz::Antarctica__Troll,
        Tz::Antarctica__Vostok,
    ],
    without_coordinates: None,
    // The stations' positions, as in the tz database's zone.tab.
    locate: Locate::Nearest(&[
        (Tz::Antarctica__McMurdo, -77.83, 166.6),
        // Amundsen–Scott South Pole Station keeps McMurdo's time.
        (Tz::Antarctica__McMurdo, -90.0, 0.0),
        (Tz::Antarctica__Casey, -66.28, 110.52),
        (Tz::Antarctica__Davis, -68.58, 77.97),
        (Tz::Antarctica__DumontDUrville, -66.67, 140.02),
        (Tz::Antarctica__Mawson, -67.6, 62.88),
        (Tz::Antarctica__Palmer, -64.8, -64.1),
        (Tz::Antarctica__Rothera, -67.57, -68.13),
        (Tz::Antarctica__Syowa, -69.01, 39.59),
        (Tz::Antarctica__Troll, -72.01, 2.54),
        (Tz::Antarctica__Vostok, -78.4, 106.9),
    ]),
};

pub(super) static AUSTRALIA: Regions = Regions {
    candidates: &[
        Tz::Australia__Sydney,
        Tz::Australia__Melbourne,
        Tz::Australia__Brisbane,
        Tz::Australia__Adelaide,
        Tz::Australia__Darwin,
        Tz::Australia__Perth,
        Tz::Australia__Hobart,
        Tz::Australia__Broken_Hill,
        Tz::Australia__Eucla,
        Tz::Australia__Lord_Howe,
        Tz::Antarctica__Macquarie,
    ],
    without_coordinates: None,
    locate: Locate::Rules {
        rules: &[
            (
                Tz::Australia__Lord_Howe,
                Area::Rect(b(-31.9, 158.8, -31.3, 159.4)),
            ),
            (
                Tz::Antarctica__Macquarie,
                Area::Rect(b(-55.0, 158.5, -54.3, 159.2)),
            ),
            // Tasmania with King and Flinders Islands.
            (
                Tz::Australia__Hobart,
                Area::Rect(b(-44.0, 143.5, -39.2, 149.0)),
            ),
            // The Eucla strip, Caiguna to Border Village.
            (
                Tz::Australia__Eucla,
                Area::Rect(b(-32.6, 125.4, -31.3, 129.05)),
            ),
            (
                Tz::Australia__Perth,
                Area::Rect(b(-36.0, 111.0, -9.0, 129.0)),
            ),
            (
                Tz::Australia__Darwin,
                Area::Rect(b(-26.0, 129.0, -9.0, 138.0)),
            ),
            (
                Tz::Australia__Adelaide,
                Area::Rect(b(-39.0, 129.0, -26.0, 141.0)),
            ),
            // Yancowinna County, New South Wales.
            (
                Tz::Australia__Broken_Hill,
                Area::Rect(b(-32.6, 141.0, -31.3, 142.0)),
            ),
            (Tz::Australia__Brisbane, Area::Polygon(QUEENSLAND)),
            (Tz::Australia__Melbourne, Area::Polygon(VICTORIA)),
        ],
        otherwise: Tz::Australia__Sydney,
    },
};

pub(super) static QUEENSLAND: &[(f64, f64)] = &[
    (-9.0, 138.0),
    (-26.0, 138.0),
    (-26.0, 141.0),
    (-29.0, 141.0),
    (-29.0, 148.95),
    (-28.58, 150.3),
    (-28.9, 151.4),
    (-28.85, 152.0),
    (-28.35, 152.7),
    (-28.172, 153.56),
    (-28.172, 156.0),
    (-9.0, 156.0),
];

// North edge: the Murray, then the line from its source to Cape Howe.
pub(super) static VICTORIA: &[(f64, f64)] = &[
    (-33.95, 141.0),
    (-34.05, 142.2),
    (-34.6, 142.75),
    (-35.3, 143.5),
    (-35.85, 144.4),
    (-36.12, 144.75),
    (-35.95, 145.5),
    (-36.05, 146.5),
    (-36.1, 146.9),
    (-36.0, 147.5),
    (-36.4, 148.2),
    (-36.8, 148.2),
    (-37.5, 149.98),
    (-39.2, 149.98),
    (-39.2, 141.0),
];

pub(super) static BRAZIL: Regions = Regions {
    candidates: &[
        Tz::America__Sao_Paulo,
        Tz::America__Manaus,
        Tz::America__Rio_Branco,
        Tz::America__Noronha,
    ],
    without_coordinates: None,
    locate: Locate::Rules {
        rules: &[
            // Fernando de Noronha, Atol das Rocas, Trindade, St Peter and St Paul.
            (
                Tz::America__Noronha,
                Area::Rect(b(-25.0, -34.5, 5.0, -28.0)),
            ),
            // Acre and south-western Amazonas (west of Tabatinga–Porto Acre).
            (
                Tz::America__Rio_Branco,
                Area::Polygon(&[
                    (-3.9, -69.4),
                    (-9.6, -67.0),
                    (-9.9, -66.8),
                    (-11.2, -66.8),
                    (-11.2, -74.5),
                    (-3.5, -74.5),
                ]),
            ),
            // Roraima, Amazonas, Rondônia, Mato Grosso, Mato Grosso do Sul.
            (
                Tz::America__Manaus,
                Area::Polygon(&[
                    (6.0, -75.0),
                    (6.0, -59.8),
                    (1.2, -58.9),
                    (-1.0, -57.6),
                    (-2.2, -56.72),
                    (-2.6, -56.4),
                    (-4.0, -56.6),
                    (-6.0, -58.0),
                    (-7.35, -58.2),
                    (-8.8, -57.6),
                    (-9.2, -56.7),
                    (-9.65, -55.3),
                    (-9.8, -50.2),
                    (-11.5, -50.5),
                    (-13.0, -50.8),
                    (-15.0, -51.2),
                    (-15.6, -51.9),
                    (-15.9, -52.24),
                    (-17.3, -53.205),
                    (-18.6, -52.5),
                    (-19.5, -50.95),
                    (-20.0, -51.0),
                    (-20.8, -51.6),
                    (-22.6, -53.0),
                    (-24.1, -54.3),
                    (-24.1, -75.0),
                ]),
            ),
        ],
        otherwise: Tz::America__Sao_Paulo,
    },
};

pub(super) static CANADA: Regions = Regions {
    candidates: &[
        Tz::America__Toronto,
        Tz::America__Vancouver,
        Tz::America__Edmonton,
        Tz::America__Winnipeg,
        Tz::America__Regina,
        Tz::America__Halifax,
        Tz::America__St_Johns,
        Tz::America__Whitehorse,
        Tz::America__Dawson_Creek,
        Tz::America__Creston,
        Tz::America__Atikokan,
        Tz::America__BlancSablon,
    ],
    without_coordinates: None,
    locate: Locate::Rules {
        rules: &[
            // The island of Newfoundland.
            (
                Tz::America__St_Johns,
                Area::Polygon(&[
                    (46.5, -59.5),
                    (47.9, -59.5),
                    (48.6, -59.45),
                    (49.2, -58.6),
                    (50.0, -57.95),
                    (50.7, -57.55),
                    (51.3, -57.0),
                    (51.45, -56.8),
                    (51.7, -55.3),
                    (51.7, -52.0),
                    (46.5, -52.0),
                ]),
            ),
            // South-eastern Labrador, L'Anse-au-Clair to Black Tickle.
            (
                Tz::America__St_Johns,
                Area::Rect(b(51.4, -57.1, 53.5, -55.0)),
            ),
            // Quebec's Lower North Shore, Kegaska to Blanc-Sablon.
            (
                Tz::America__BlancSablon,
                Area::Rect(b(50.0, -61.5, 52.0, -57.1)),
            ),
            // New Brunswick, Nova Scotia, Prince Edward Island, Magdalen Islands.
            (
                Tz::America__Halifax,
                Area::Polygon(&[
                    (43.0, -67.3),
                    (45.2, -67.3),
                    (45.95, -67.78),
                    (47.07, -67.79),
                    (47.35, -68.3),
                    (47.38, -68.95),
                    (47.65, -68.35),
                    (48.0, -67.6),
                    (48.02, -66.6),
                    (48.0, -61.0),
                    (47.2, -59.6),
                    (43.0, -59.6),
                ]),
            ),
            // Labrador.
            (
                Tz::America__Halifax,
                Area::Polygon(&[
                    (52.0, -57.1),
                    (52.0, -63.7),
                    (52.2, -64.3),
                    (52.0, -65.2),
                    (52.7, -66.4),
                    (52.85, -67.05),
                    (53.6, -67.2),
                    (54.5, -66.6),
                    (54.8, -66.75),
                    (55.0, -67.1),
                    (55.3, -66.2),
                    (56.3, -64.5),
                    (58.5, -64.0),
                    (60.4, -64.7),
                    (61.0, -64.7),
                    (61.0, -55.0),
                    (51.4, -55.0),
                    (51.4, -57.1),
                ]),
            ),
            (
                Tz::America__Creston,
                Area::Rect(b(48.99, -116.75, 49.35, -116.3)),
            ),
            // North-eastern British Columbia: Peace River and Fort Nelson.
            (
                Tz::America__Dawson_Creek,
                Area::Polygon(&[
                    (60.0, -127.0),
                    (60.0, -120.0),
                    (54.3, -120.0),
                    (54.5, -120.8),
                    (55.0, -122.0),
                    (56.0, -123.0),
                    (57.0, -124.5),
                    (58.5, -126.0),
                ]),
            ),
            // British Columbia's East Kootenay keeps Mountain time, like Alberta.
            (
                Tz::America__Edmonton,
                Area::Polygon(&[
                    (52.2, -118.2),
                    (52.2, -110.0),
                    (49.0, -110.0),
                    (49.0, -116.7),
                    (50.3, -116.9),
                    (51.3, -117.5),
                ]),
            ),
            // Lloydminster, on the Alberta–Saskatchewan line.
            (
                Tz::America__Edmonton,
                Area::Rect(b(53.2, -110.2, 53.4, -109.85)),
            ),
            (
                Tz::America__Whitehorse,
                Area::Polygon(&[
                    (60.0, -141.1),
                    (60.0, -123.8),
                    (61.0, -125.0),
                    (62.0, -128.5),
                    (63.0, -130.0),
                    (64.0, -132.0),
                    (65.0, -132.6),
                    (66.0, -133.7),
                    (67.0, -136.1),
                    (68.0, -136.45),
                    (69.0, -136.5),
                    (69.6, -139.0),
                    (70.0, -141.1),
                ]),
            ),
            (
                Tz::America__Vancouver,
                Area::Polygon(&[
                    (48.2, -139.1),
                    (60.0, -139.1),
                    (60.0, -120.0),
                    (53.8, -120.0),
                    (52.9, -118.45),
                    (51.45, -116.29),
                    (50.8, -115.3),
                    (50.0, -114.7),
                    (49.0, -114.06),
                    (48.2, -114.06),
                ]),
            ),
            // Alberta.
            (
                Tz::America__Edmonton,
                Area::Rect(b(48.9, -141.1, 60.0, -110.0)),
            ),
            // Northwest Territories and Nunavut's Kitikmeot.
            (
                Tz::America__Edmonton,
                Area::Rect(b(60.0, -141.1, 84.0, -102.0)),
            ),
            (
                Tz::America__Edmonton,
                Area::Rect(b(67.0, -102.0, 72.0, -89.0)),
            ),
            (
                Tz::America__Regina,
                Area::Polygon(&[
                    (48.9, -110.0),
                    (60.0, -110.0),
                    (60.0, -102.0),
                    (55.8, -102.0),
                    (48.9, -101.36),
                ]),
            ),
            (
                Tz::America__Atikokan,
                Area::Rect(b(48.55, -92.1, 49.0, -91.2)),
            ),
            // Southampton Island (Coral Harbour).
            (
                Tz::America__Atikokan,
                Area::Rect(b(63.0, -87.0, 66.2, -80.0)),
            ),
            // Manitoba, north-western Ontario, Kivalliq and Resolute.
            (
                Tz::America__Winnipeg,
                Area::Polygon(&[
                    (48.0, -102.0),
                    (84.0, -102.0),
                    (84.0, -85.5),
                    (60.0, -85.5),
                    (56.85, -89.0),
                    (54.0, -89.5),
                    (51.0, -90.5),
                    (48.0, -90.6),
                ]),
            ),
        ],
        otherwise: Tz::America__Toronto,
    },
};

pub(super) static CONGO_KINSHASA: Regions = Regions {
    candidates: &[Tz::Africa__Kinshasa, Tz::Africa__Lubumbashi],
    without_coordinates: None,
    locate: Locate::Rules {
        // Kinshasa, Kongo Central, former Bandundu and Équateur provinces.
        rules: &[(
            Tz::Africa__Kinshasa,
            Area::Polygon(&[
                (5.5, 12.0),
                (5.5, 23.0),
                (1.5, 23.3),
                (-1.0, 23.9),
                (-2.3, 23.9),
                (-2.5, 22.0),
                (-3.0, 20.8),
                (-5.5, 20.3),
                (-6.5, 19.9),
                (-7.5, 19.5),
                (-9.0, 19.5),
                (-9.0, 12.0),
            ]),
        )],
        otherwise: Tz::Africa__Lubumbashi,
    },
};

pub(super) static CHILE: Regions = Regions {
    candidates: &[
        Tz::America__Santiago,
        Tz::America__Coyhaique,
        Tz::America__Punta_Arenas,
        Tz::Pacific__Easter,
    ],
    without_coordinates: None,
    locate: Locate::Rules {
        rules: &[
            // Easter Island and Salas y Gómez.
            (
                Tz::Pacific__Easter,
                Area::Rect(b(-28.0, -110.0, -26.0, -104.0)),
            ),
            (
                Tz::America__Punta_Arenas,
                Area::Rect(b(-60.0, -80.0, -48.8, -60.0)),
            ),
            (
                Tz::America__Coyhaique,
                Area::Rect(b(-48.8, -80.0, -43.75, -60.0)),
            ),
        ],
        otherwise: Tz::America__Santiago,
    },
};

pub(super) static GERMANY: Regions = Regions {
    candidates: &[Tz::Europe__Berlin, Tz::Europe__Busingen],
    without_coordinates: Some(Tz::Europe__Berlin),
    locate: Locate::Rules {
        rules: &[(
            Tz::Europe__Busingen,
            Area::Rect(b(47.68, 8.64, 47.72, 8.73)),
        )],
        otherwise: Tz::Europe__Berlin,
    },
};

pub(super) static ECUADOR: Regions = Regions {
    candidates: &[Tz::America__Guayaquil, Tz::Pacific__Galapagos],
    without_coordinates: None,
    locate: Locate::Rules {
        rules: &[(
            Tz::Pacific__Galapagos,
            Area::Rect(b(-3.0, -93.0, 3.0, -85.0)),
        )],
        otherwise: Tz::America__Guayaquil,
    },
};

pub(super) static SPAIN: Regions = Regions {
    candidates: &[Tz::Europe__Madrid, Tz::Atlantic__Canary, Tz::Africa__Ceuta],
    without_coordinates: None,
    locate: Locate::Rules {
        rules: &[
            (
                Tz::Atlantic__Canary,
                Area::Rect(b(27.0, -19.0, 30.0, -13.0)),
            ),
            // Ceuta and Melilla.
            (Tz::Africa__Ceuta, Area::Rect(b(35.85, -5.4, 35.94, -5.26))),
            (Tz::Africa__Ceuta, Area::Rect(b(35.25, -2.99, 35.33, -2.91))),
        ],
        otherwise: Tz::Europe__Madrid,
    },
};

pub(super) static MICRONESIA: Regions = Regions {
    candidates: &[
        Tz::Pacific__Pohnpei,
        Tz::Pacific__Chuuk,
        Tz::Pacific__Kosrae,
    ],
    without_coordinates: None,
    locate: Locate::Rules {
        rules: &[
            // Chuuk and Yap.
            (Tz::Pacific__Chuuk, Area::Rect(b(0.0, 135.0, 12.0, 154.0))),
            (Tz::Pacific__Kosrae, Area::Rect(b(0.0, 161.0, 12.0, 165.0))),
        ],
        otherwise: Tz::Pacific__Pohnpei,
    },
};

pub(super) static GREENLAND: Regions = Regions {
    candidates: &[
        Tz::America__Nuuk,
        Tz::America__Danmarkshavn,
        Tz::America__Scoresbysund,
        Tz::America__Thule,
    ],
    without_coordinates: None,
    locate: Locate::Rules {
        rules: &[
            // Pituffik.
            (Tz::America__Thule, Area::Rect(b(76.3, -70.0, 76.8, -67.5))),
            // Danmarkshavn, in the national park.
            (
                Tz::America__Danmarkshavn,
                Area::Rect(b(76.2, -22.0, 77.6, -17.0)),
            ),
            // Ittoqqortoormiit.
            (
                Tz::America__Scoresbysund,
                Area::Rect(b(69.0, -30.0, 72.5, -20.0)),
            ),
        ],
        otherwise: Tz::America__Nuuk,
    },
};

pub(super) static INDONESIA: Regions = Regions {
    candidates: &[
        Tz::Asia__Jakarta,
        Tz::Asia__Pontianak,
        Tz::Asia__Makassar,
        Tz::Asia__Jayapura,
    ],
    without_coordinates: None,
    locate: Locate::Rules {
        rules: &[
            // Maluku and Papua; Sangihe and Talaud stay with Sulawesi.
            (Tz::Asia__Jayapura, Area::Rect(b(-12.0, 125.5, 3.0, 142.0))),
            (Tz::Asia__Jayapura, Area::Rect(b(3.0, 127.5, 6.0, 142.0))),
            // The Sula Islands.
            (Tz::Asia__Jayapura, Area::Rect(b(-3.0, 124.2, -1.0, 125.5))),
            // West and Central Kalimantan.
            (
                Tz::Asia__Pontianak,
                Area::Polygon(&[
                    (-5.0, 108.6),
                    (-5.0, 114.45),
                    (-3.3, 114.5),
                    (-2.5, 115.0),
                    (-2.0, 115.35),
                    (-1.0, 115.4),
                    (0.0, 115.0),
                    (0.5, 114.0),
                    (2.5, 114.0),
                    (2.5, 108.6),
                ]),
            ),
            // Sumatra, Java, Bangka-Belitung, Riau Islands, Natuna.
            (Tz::Asia__Jakarta, Area::Rect(b(-11.0, 94.0, 6.5, 114.42))),
            // East Java's islands in the Java Sea (Madura's east, Kangean).
            (Tz::Asia__Jakarta, Area::Rect(b(-7.3, 114.42, -5.0, 116.0))),
        ],
        otherwise: Tz::Asia__Makassar,
    },
};

pub(super) static KIRIBATI: Regions = Regions {
    candidates: &[
        Tz::Pacific__Tarawa,
        Tz::Pacific__Kanton,
        Tz::Pacific__Kiritimati,
    ],
    without_coordinates: None,
    locate: Locate::Rules {
        rules: &[
            // Gilbert Islands and Banaba.
            (Tz::Pacific__Tarawa, Area::Rect(b(-5.0, 160.0, 5.0, 180.0))),
            // Phoenix Islands.
            (
                Tz::Pacific__Kanton,
                Area::Rect(b(-6.0, -180.0, 0.0, -166.0)),
            ),
        ],
        otherwise: Tz::Pacific__Kiritimati,
    },
};

pub(super) static MARSHALL_ISLANDS: Regions = Regions {
    candidates: &[Tz::Pacific__Majuro, Tz::Pacific__Kwajalein],
    without_coordinates: Some(Tz::Pacific__Majuro),
    locate: Locate::Rules {
        rules: &[(
            Tz::Pacific__Kwajalein,
            Area::Rect(b(8.5, 166.5, 9.6, 168.0)),
        )],
        otherwise: Tz::Pacific__Majuro,
    },
};

pub(super) static MONGOLIA: Regions = Regions {
    candidates: &[Tz::Asia__Ulaanbaatar, Tz::Asia__Hovd],
    without_coordinates: None,
    locate: Locate::Rules {
        // Bayan-Ölgii, Khovd and Uvs.
        rules: &[(
            Tz::Asia__Hovd,
            Area::Polygon(&[
                (52.0, 87.0),
                (52.0, 96.0),
                (50.5, 96.0),
                (49.3, 95.0),
                (48.9, 94.3),
                (47.5, 94.0),
                (46.0, 93.5),
                (44.0, 93.0),
                (44.0, 87.0),
            ]),
        )],
        otherwise: Tz::Asia__Ulaanbaatar,
    },
};

pub(super) static MEXICO: Regions = Regions {
    candidates: &[
        Tz::America__Mexico_City,
        Tz::America__Cancun,
        Tz::America__Tijuana,
        Tz::America__Hermosillo,
        Tz::America__Mazatlan,
        Tz::America__Bahia_Banderas,
        Tz::America__Ciudad_Juarez,
        Tz::America__Ojinaga,
        Tz::America__Matamoros,
    ],
    without_coordinates: None,
    locate: Locate::Rules {
        rules: &[
            // Baja California.
            (
                Tz::America__Tijuana,
                Area::Polygon(&[
                    (33.0, -118.0),
                    (33.0, -114.72),
                    (32.72, -114.72),
                    (32.5, -114.81),
                    (31.7, -114.75),
                    (28.0, -112.6),
                    (28.0, -118.0),
                ]),
            ),
            // Quintana Roo.
            (
                Tz::America__Cancun,
                Area::Polygon(&[
                    (21.8, -87.55),
                    (21.8, -86.5),
                    (17.8, -86.5),
                    (17.8, -89.15),
                    (19.6, -89.15),
                    (19.9, -88.9),
                    (20.2, -88.3),
                    (20.6, -87.85),
                    (21.2, -87.65),
                ]),
            ),
            // Chihuahua's border municipalities, west: Janos, Ascensión, Juárez,
            // Guadalupe, Práxedis G. Guerrero.
            (
                Tz::America__Ciudad_Juarez,
                Area::Polygon(&[
                    (31.9, -109.1),
                    (31.9, -106.4),
                    (31.4, -105.85),
                    (30.95, -105.45),
                    (30.7, -105.75),
                    (30.7, -106.7),
                    (30.6, -107.5),
                    (30.55, -108.5),
                    (30.3, -109.1),
                ]),
            ),
            // Chihuahua's border municipalities, east: Coyame del Sotol, Ojinaga,
            // Manuel Benavides.
            (
                Tz::America__Ojinaga,
                Area::Polygon(&[
                    (30.95, -105.45),
                    (30.5, -104.85),
                    (29.9, -104.5),
                    (29.6, -104.25),
                    (29.3, -103.8),
                    (29.1, -103.3),
                    (28.5, -103.3),
                    (28.5, -104.6),
                    (29.0, -105.6),
                    (29.8, -105.95),
                    (30.7, -105.75),
                ]),
            ),
            // The US-border strip of Coahuila, Nuevo León and Tamaulipas.
            (
                Tz::America__Matamoros,
                Area::Polygon(&[
                    (29.4, -103.3),
                    (30.0, -102.5),
                    (30.0, -101.4),
                    (29.6, -100.9),
                    (28.9, -100.4),
                    (27.7, -99.4),
                    (26.6, -98.9),
                    (26.3, -98.2),
                    (26.1, -97.4),
                    (26.1, -97.0),
                    (25.2, -97.0),
                    (25.2, -97.4),
                    (25.5, -98.3),
                    (26.0, -99.3),
                    (26.9, -100.0),
                    (27.6, -100.7),
                    (28.1, -101.6),
                    (27.3, -102.4),
                    (27.8, -103.2),
                ]),
            ),
            (
                Tz::America__Bahia_Banderas,
                Area::Rect(b(20.6, -105.6, 20.95, -105.15)),
            ),
            // Sonora.
            (
                Tz::America__Hermosillo,
                Area::Polygon(&[
                    (33.0, -115.0),
                    (33.0, -108.21),
                    (30.0, -108.5),
                    (28.5, -108.7),
                    (27.5, -108.6),
                    (26.9, -108.45),
                    (26.6, -108.9),
                    (26.3, -109.25),
                    (26.3, -110.5),
                    (28.0, -112.6),
                    (31.7, -114.75),
                    (32.5, -114.81),
                ]),
            ),
            // Baja California Sur, Sinaloa, Nayarit: west of the Sierra Madre.
            (
                Tz::America__Mazatlan,
                Area::Polygon(&[
                    (28.0, -118.0),
                    (28.0, -112.6),
                    (26.9, -108.45),
                    (26.1, -107.2),
                    (25.3, -106.4),
                    (24.0, -105.95),
                    (22.7, -105.45),
                    (22.3, -104.5),
                    (21.8, -104.1),
                    (21.1, -104.4),
                    (20.9, -105.1),
                    (20.6, -105.35),
                    (20.0, -106.0),
                    (20.0, -118.0),
                ]),
            ),
        ],
        otherwise: Tz::America__Mexico_City,
    },
};

pub(super) static MALAYSIA: Regions = Regions {
    candidates: &[Tz::Asia__Kuala_Lumpur, Tz::Asia__Kuching],
    without_coordinates: Some(Tz::Asia__Kuala_Lumpur),
    locate: Locate::Rules {
        // Sabah, Sarawak and Labuan.
        rules: &[(Tz::Asia__Kuching, Area::Rect(b(0.0, 109.5, 8.0, 120.0)))],
        otherwise: Tz::Asia__Kuala_Lumpur,
    },
};

pub(super) static NEW_ZEALAND: Regions = Regions {
    candidates: &[Tz::Pacific__Auckland, Tz::Pacific__Chatham],
    without_coordinates: None,
    locate: Locate::Rules {
        rules: &[(
            Tz::Pacific__Chatham,
            Area::Rect(b(-45.0, -177.5, -43.0, -175.5)),
        )],
        otherwise: Tz::Pacific__Auckland,
    },
};

pub(super) static FRENCH_POLYNESIA: Regions = Regions {
    candidates: &[
        Tz::Pacific__Tahiti,
        Tz::Pacific__Marquesas,
        Tz::Pacific__Gambier,
    ],
    without_coordinates: None,
    locate: Locate::Rules {
        rules: &[
            (
                Tz::Pacific__Marquesas,
                Area::Rect(b(-11.0, -141.5, -7.0, -137.5)),
            ),
            (
                Tz::Pacific__Gambier,
                Area::Rect(b(-25.0, -136.0, -20.0, -133.0)),
            ),
        ],
        otherwise: Tz::Pacific__Tahiti,
    },
};

pub(super) static PAPUA_NEW_GUINEA: Regions = Regions {
    candidates: &[Tz::Pacific__Port_Moresby, Tz::Pacific__Bougainville],
    without_coordinates: None,
    locate: Locate::Rules {
        rules: &[(
            Tz::Pacific__Bougainville,
            Area::Rect(b(-7.5, 154.0, -3.0, 160.0)),
        )],
        otherwise: Tz::Pacific__Port_Moresby,
    },
};

pub(super) static PALESTINE: Regions = Regions {
    candidates: &[Tz::Asia__Hebron, Tz::Asia__Gaza],
    without_coordinates: Some(Tz::Asia__Hebron),
    locate: Locate::Rules {
        rules: &[(Tz::Asia__Gaza, Area::Rect(b(31.2, 34.0, 31.7, 34.6)))],
        otherwise: Tz::Asia__Hebron,
    },
};

pub(super) static PORTUGAL: Regions = Regions {
    candidates: &[
        Tz::Europe__Lisbon,
        Tz::Atlantic__Azores,
        Tz::Atlantic__Madeira,
    ],
    without_coordinates: None,
    locate: Locate::Rules {
        rules: &[
            (
                Tz::Atlantic__Azores,
                Area::Rect(b(36.0, -32.0, 40.5, -24.0)),
            ),
            // Madeira, Porto Santo and the Savage Islands.
            (
                Tz::Atlantic__Madeira,
                Area::Rect(b(29.5, -18.0, 34.0, -15.0)),
            ),
        ],
        otherwise: Tz::Europe__Lisbon,
    },
};

pub(super) static UKRAINE: Regions = Regions {
    candidates: &[Tz::Europe__Kyiv, Tz::Europe__Simferopol],
    without_coordinates: None,
    locate: Locate::Rules {
        // Crimea.
        rules: &[(
            Tz::Europe__Simferopol,
            Area::Rect(b(44.3, 32.4, 46.0, 36.7)),
        )],
        otherwise: Tz::Europe__Kyiv,
    },
};

pub(super) static US_MINOR_ISLANDS: Regions = Regions {
    candidates: &[Tz::Pacific__Midway, Tz::Pacific__Wake],
    without_coordinates: None,
    locate: Locate::Rules {
        rules: &[(Tz::Pacific__Wake, Area::Rect(b(10.0, 160.0, 25.0, 170.0)))],
        otherwise: Tz::Pacific__Midway,
    },
};

pub(super) static UNITED_STATES: Regions = Regions {
    candidates: &[
        Tz::America__New_York,
        Tz::America__Chicago,
        Tz::America__Denver,
        Tz::America__Phoenix,
        Tz::America__Los_Angeles,
        Tz::America__Anchorage,
        Tz::America__Adak,
        Tz::Pacific__Honolulu,
    ],
    without_coordinates: None,
    locate: Locate::Rules {
        rules: &[
            (
                Tz::Pacific__Honolulu,
                Area::Rect(b(15.0, -179.0, 30.0, -150.0)),
            ),
            // The Aleutians west of 169.5° W.
            (Tz::America__Adak, Area::Rect(b(50.0, 170.0, 56.0, 180.0))),
            (Tz::America__Adak, Area::Rect(b(50.0, -180.0, 56.0, -169.5))),
            (
                Tz::America__Anchorage,
                Area::Rect(b(50.0, -180.0, 72.0, -129.9)),
            ),
            // The Hopi Reservation and Page keep Arizona time inside the
            // Navajo Nation, which keeps daylight saving time.
            (
                Tz::America__Phoenix,
                Area::Rect(b(35.55, -111.0, 36.15, -110.1)),
            ),
            (
                Tz::America__Phoenix,
                Area::Rect(b(36.85, -111.55, 36.97, -111.4)),
            ),
            (
                Tz::America__Denver,
                Area::Polygon(&[
                    (37.0, -111.55),
                    (37.0, -109.045),
                    (35.2, -109.045),
                    (35.25, -109.6),
                    (35.25, -110.6),
                    (35.35, -111.0),
                    (35.75, -111.3),
                    (36.3, -111.5),
                    (36.85, -111.55),
                ]),
            ),
            (Tz::America__Los_Angeles, Area::Polygon(US_PACIFIC)),
            (
                Tz::America__Phoenix,
                Area::Rect(b(31.2, -115.0, 37.0, -109.045)),
            ),
            (Tz::America__New_York, Area::Polygon(US_EASTERN)),
            (Tz::America__Chicago, Area::Polygon(US_CENTRAL)),
        ],
        otherwise: Tz::America__Denver,
    },
};

// Washington, Oregon but Malheur County, California, Nevada, northern Idaho.
pub(super) static US_PACIFIC: &[(f64, f64)] = &[
    (49.5, -126.0),
    (49.5, -116.05),
    (48.0, -116.05),
    (47.4, -115.7),
    (46.65, -114.6),
    (45.7, -114.5),
    (45.4, -115.0),
    (45.3, -116.4),
    (45.5, -116.8),
    (44.5, -117.1),
    (44.5, -118.0),
    (42.0, -118.0),
    (42.0, -114.04),
    (36.1, -114.04),
    (36.0, -114.74),
    (35.5, -114.67),
    (35.15, -114.575),
    (34.85, -114.63),
    (34.3, -114.14),
    (33.6, -114.55),
    (33.0, -114.5),
    (32.72, -114.72),
    (32.3, -114.72),
    (32.3, -126.0),
];

// West edge: the Eastern–Central line through Michigan's Upper Peninsula,
// Lake Michigan, Indiana, Kentucky, Tennessee, Georgia–Alabama, Florida.
pub(super) static US_EASTERN: &[(f64, f64)] = &[
    (49.5, -89.4),
    (46.5, -89.4),
    (46.45, -88.1),
    (46.25, -87.6),
    (45.8, -87.35),
    (45.3, -87.3),
    (45.4, -86.78),
    (41.76, -86.78),
    (41.76, -86.5),
    (41.17, -86.47),
    (41.17, -86.93),
    (40.74, -86.95),
    (40.74, -87.53),
    (39.0, -87.53),
    (38.55, -87.65),
    (38.55, -87.3),
    (38.2, -87.3),
    (38.2, -86.43),
    (37.9, -86.3),
    (37.6, -86.15),
    (37.35, -85.75),
    (37.25, -85.45),
    (37.1, -85.2),
    (36.95, -84.95),
    (36.6, -85.0),
    (36.6, -84.85),
    (36.2, -84.75),
    (35.95, -84.75),
    (35.6, -85.1),
    (35.3, -85.3),
    (35.0, -85.47),
    (35.0, -85.61),
    (32.85, -85.18),
    (32.3, -85.0),
    (31.6, -85.07),
    (31.0, -85.0),
    (30.7, -84.86),
    (30.05, -85.0),
    (29.95, -85.4),
    (24.0, -85.4),
    (24.0, -66.0),
    (49.5, -66.0),
];

// West edge: the Central–Mountain line through the Dakotas, Nebraska,
// Kansas and Texas; the Eastern rule comes first.
pub(super) static US_CENTRAL: &[(f64, f64)] = &[
    (49.5, -104.05),
    (47.6, -104.05),
    (47.6, -103.0),
    (47.3, -102.1),
    (46.6, -102.0),
    (46.6, -101.3),
    (46.3, -101.0),
    (46.3, -100.6),
    (45.95, -100.55),
    (45.0, -100.5),
    (44.6, -101.1),
    (44.15, -101.05),
    (43.8, -101.05),
    (43.0, -101.23),
    (42.1, -101.0),
    (41.0, -101.25),
    (40.0, -101.35),
    (40.0, -102.05),
    (39.57, -102.05),
    (39.57, -101.45),
    (37.74, -101.5),
    (37.74, -102.05),
    (37.0, -102.05),
    (37.0, -103.0),
    (36.5, -103.0),
    (32.0, -103.06),
    (32.0, -104.92),
    (25.0, -104.92),
    (25.0, -60.0),
    (49.5, -60.0),
];

pub(super) static RUSSIA: Regions = Regions {
    candidates: &[
        Tz::Europe__Moscow,
        Tz::Europe__Kaliningrad,
        Tz::Europe__Samara,
        Tz::Europe__Astrakhan,
        Tz::Asia__Yekaterinburg,
        Tz::Asia__Omsk,
        Tz::Asia__Novosibirsk,
        Tz::Asia__Irkutsk,
        Tz::Asia__Yakutsk,
        Tz::Asia__Vladivostok,
        Tz::Asia__Magadan,
        Tz::Asia__Sakhalin,
        Tz::Asia__Kamchatka,
    ],
    without_coordinates: None,
    locate: Locate::Rules {
        rules: &[
            (
                Tz::Europe__Kaliningrad,
                Area::Rect(b(54.0, 19.0, 55.5, 23.0)),
            ),
            // Samara, Ulyanovsk and Saratov oblasts.
            (
                Tz::Europe__Samara,
                Area::Polygon(&[
                    (51.3, 42.4),
                    (52.6, 43.0),
                    (52.9, 45.0),
                    (53.3, 46.1),
                    (54.9, 46.2),
                    (54.9, 48.5),
                    (54.4, 49.9),
                    (54.6, 52.0),
                    (53.9, 52.3),
                    (53.2, 52.1),
                    (52.6, 51.6),
                    (52.1, 51.0),
                    (51.8, 50.8),
                    (51.5, 50.8),
                    (50.6, 49.4),
                    (50.0, 48.7),
                    (49.9, 47.4),
                    (50.3, 46.6),
                    (50.5, 45.0),
                    (50.8, 43.5),
                ]),
            ),
            // Udmurtia.
            (
                Tz::Europe__Samara,
                Area::Polygon(&[
                    (56.1, 51.3),
                    (57.3, 51.3),
                    (58.5, 52.3),
                    (58.5, 53.5),
                    (57.5, 54.3),
                    (56.8, 54.1),
                    (56.2, 54.2),
                    (56.0, 53.2),
                    (56.3, 52.0),
                ]),
            ),
            (
                Tz::Europe__Astrakhan,
                Area::Polygon(&[
                    (45.6, 47.1),
                    (45.9, 48.8),
                    (46.4, 49.3),
                    (47.0, 48.5),
                    (48.3, 47.2),
                    (49.0, 46.5),
                    (48.8, 45.7),
                    (48.0, 45.3),
                    (46.4, 46.5),
                ]),
            ),
            // Sakhalin Island and the southern and middle Kurils.
            (Tz::Asia__Sakhalin, Area::Rect(b(45.8, 141.55, 54.5, 145.0))),
            (Tz::Asia__Sakhalin, Area::Rect(b(43.3, 145.3, 49.9, 155.0))),
            // Chukotka east of the antimeridian.
            (
                Tz::Asia__Kamchatka,
                Area::Rect(b(60.0, -180.0, 75.0, -160.0)),
            ),
            // From here on, most zones are the area east of their western boundary.
            // Kamchatka Krai and Chukotka.
            (
                Tz::Asia__Kamchatka,
                Area::Polygon(&[
                    (73.0, 163.0),
                    (70.0, 163.0),
                    (68.5, 161.5),
                    (66.5, 160.5),
                    (64.5, 161.0),
                    (62.5, 160.8),
                    (62.0, 161.5),
                    (59.5, 157.0),
                    (57.0, 155.5),
                    (53.0, 155.0),
                    (51.2, 155.5),
                    (50.95, 156.4),
                    (50.95, 180.0),
                    (73.0, 180.0),
                ]),
            ),
            // Magadan Oblast, north-eastern Sakha, the North Kurils.
            (
                Tz::Asia__Magadan,
                Area::Polygon(&[
                    (77.0, 144.0),
                    (72.8, 144.0),
                    (70.0, 143.0),
                    (68.0, 139.8),
                    (66.0, 139.8),
                    (65.5, 143.0),
                    (64.8, 147.5),
                    (63.0, 147.0),
                    (60.0, 146.5),
                    (59.3, 146.5),
                    (54.5, 141.8),
                    (52.5, 141.58),
                    (52.0, 141.58),
                    (50.0, 141.3),
                    (46.0, 140.6),
                    (42.0, 140.6),
                    (42.0, 180.0),
                    (77.0, 180.0),
                ]),
            ),
            // Primorye, Khabarovsk, the Jewish Oblast; Oymyakonsky, Verkhoyansky
            // and Ust-Yansky in Sakha.
            (
                Tz::Asia__Vladivostok,
                Area::Polygon(&[
                    (74.5, 133.0),
                    (70.0, 131.5),
                    (67.0, 131.5),
                    (65.7, 134.5),
                    (65.5, 138.5),
                    (62.0, 138.5),
                    (61.5, 139.5),
                    (59.5, 139.5),
                    (58.5, 137.0),
                    (57.5, 134.5),
                    (56.0, 134.0),
                    (54.5, 134.4),
                    (53.3, 133.7),
                    (52.7, 132.2),
                    (51.6, 130.9),
                    (50.5, 130.5),
                    (49.5, 130.9),
                    (48.5, 130.9),
                    (42.0, 130.3),
                    (42.0, 180.0),
                    (74.5, 180.0),
                ]),
            ),
            // Sakha, Amur, Zabaykalsky.
            (
                Tz::Asia__Yakutsk,
                Area::Polygon(&[
                    (77.0, 112.5),
                    (74.0, 112.5),
                    (72.0, 110.5),
                    (68.0, 107.0),
                    (64.5, 106.0),
                    (62.0, 108.5),
                    (60.0, 112.3),
                    (59.2, 113.5),
                    (58.8, 116.0),
                    (58.3, 119.0),
                    (56.5, 117.0),
                    (55.5, 116.3),
                    (54.0, 112.5),
                    (52.5, 110.0),
                    (51.5, 108.6),
                    (50.8, 108.4),
                    (50.2, 108.2),
                    (49.0, 108.2),
                    (49.0, 180.0),
                    (77.0, 180.0),
                ]),
            ),
            // Irkutsk Oblast and Buryatia.
            (
                Tz::Asia__Irkutsk,
                Area::Polygon(&[
                    (64.5, 106.0),
                    (63.0, 105.5),
                    (61.0, 104.0),
                    (59.0, 101.5),
                    (58.0, 99.5),
                    (56.8, 98.3),
                    (56.0, 97.4),
                    (54.5, 96.8),
                    (53.3, 96.5),
                    (52.3, 99.2),
                    (51.3, 98.9),
                    (49.0, 98.9),
                    (49.0, 180.0),
                    (64.5, 180.0),
                ]),
            ),
            // Krasnoyarsk, Khakassia, Tuva, Tomsk, Novosibirsk, Kemerovo, Altai.
            (
                Tz::Asia__Novosibirsk,
                Area::Polygon(&[
                    (82.0, 75.0),
                    (74.0, 78.5),
                    (72.0, 80.5),
                    (70.0, 83.0),
                    (67.5, 84.5),
                    (65.0, 85.5),
                    (63.0, 85.5),
                    (62.0, 84.5),
                    (61.2, 83.0),
                    (60.95, 78.0),
                    (60.6, 76.3),
                    (58.6, 75.8),
                    (57.0, 75.4),
                    (55.5, 75.3),
                    (54.3, 76.0),
                    (49.0, 76.0),
                    (49.0, 180.0),
                    (82.0, 180.0),
                ]),
            ),
            (
                Tz::Asia__Omsk,
                Area::Polygon(&[
                    (58.6, 72.5),
                    (58.6, 75.8),
                    (57.0, 75.4),
                    (55.5, 75.3),
                    (54.3, 76.0),
                    (53.4, 74.5),
                    (54.0, 73.5),
                    (54.3, 72.0),
                    (54.9, 70.9),
                    (55.3, 70.3),
                    (56.2, 70.3),
                    (57.0, 70.5),
                    (57.8, 71.5),
                ]),
            ),
            // The Urals and western Siberia: Perm to Yamal, Orenburg to Tyumen.
            (
                Tz::Asia__Yekaterinburg,
                Area::Polygon(&[
                    (77.0, 70.0),
                    (74.5, 66.0),
                    (70.5, 66.0),
                    (69.0, 66.2),
                    (68.3, 66.0),
                    (67.5, 65.7),
                    (66.5, 64.5),
                    (65.0, 60.5),
                    (63.0, 59.3),
                    (61.7, 59.3),
                    (61.5, 56.0),
                    (61.3, 53.5),
                    (60.0, 53.5),
                    (58.5, 53.6),
                    (57.5, 54.3),
                    (56.8, 54.1),
                    (56.2, 54.2),
                    (55.8, 53.8),
                    (55.0, 53.4),
                    (54.5, 53.3),
                    (53.9, 52.3),
                    (53.2, 52.1),
                    (52.6, 51.6),
                    (52.1, 51.0),
                    (51.8, 50.8),
                    (51.4, 50.8),
                    (41.0, 50.8),
                    (41.0, 180.0),
                    (77.0, 180.0),
                ]),
            ),
        ],
        otherwise: Tz::Europe__Moscow,
    },
};
