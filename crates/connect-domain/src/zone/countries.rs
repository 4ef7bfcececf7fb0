//! Every ISO 3166-1 country (and Kosovo): codes, zones, and bounding boxes
//! (lat_min, lon_min, lat_max, lon_max) of its land, from Natural Earth 1:10m
//! admin-0 boundaries (public domain), parts within 2.5° of each other merged.

use super::Tz;
use super::lookup::{Country, Zones, b, country};
use super::regions::{
    ANTARCTICA, AUSTRALIA, BRAZIL, CANADA, CHILE, CONGO_KINSHASA, ECUADOR, FRENCH_POLYNESIA,
    GERMANY, GREENLAND, INDONESIA, KIRIBATI, MALAYSIA, MARSHALL_ISLANDS, MEXICO, MICRONESIA,
    MONGOLIA, NEW_ZEALAND, PALESTINE, PAPUA_NEW_GUINEA, PORTUGAL, RUSSIA, SPAIN, UKRAINE,
    UNITED_STATES, US_MINOR_ISLANDS,
};

#[rustfmt::skip]
pub(super) static COUNTRIES: &[Country] = &[
    country("AD", "AND", Zones::One(Tz::Europe__Andorra), &[b(42.42, 1.4, 42.65, 1.77)]), // Andorra
    country("AE", "ARE", Zones::One(Tz::Asia__Dubai), &[b(22.62, 51.56, 26.08, 56.39)]), // United Arab Emirates
    country("AF", "AFG", Zones::One(Tz::Asia__Kabul), &[b(29.38, 60.48, 38.48, 74.9)]), // Afghanistan
    country("AG", "ATG", Zones::One(Tz::America__Antigua), &[b(16.98, -61.9, 17.73, -61.66)]), // Antigua and Barbuda
    country("AI", "AIA", Zones::One(Tz::America__Anguilla), &[b(18.16, -63.43, 18.61, -62.97)]), // Anguilla
    country("AL", "ALB", Zones::One(Tz::Europe__Tirane), &[b(39.63, 19.27, 42.66, 21.04)]), // Albania
    country("AM", "ARM", Zones::One(Tz::Asia__Yerevan), &[b(38.86, 43.43, 41.29, 46.61)]), // Armenia
    country("AO", "AGO", Zones::One(Tz::Africa__Luanda), &[b(-18.04, 11.66, -4.39, 24.07)]), // Angola
    country("AQ", "ATA", Zones::Several(&ANTARCTICA), &[b(-90.0, -180.0, -60.51, 180.0)]), // Antarctica
    country("AR", "ARG", Zones::One(Tz::America__Argentina__Buenos_Aires), &[b(-55.06, -73.59, -21.78, -53.66)]), // Argentina
    country("AS", "ASM", Zones::One(Tz::Pacific__Pago_Pago), &[b(-14.54, -170.84, -14.16, -168.15), b(-11.07, -171.09, -11.05, -171.07)]), // American Samoa
    country("AT", "AUT", Zones::One(Tz::Europe__Vienna), &[b(46.37, 9.52, 49.01, 17.15)]), // Austria
    country("AU", "AUS", Zones::Several(&AUSTRALIA), &[b(-54.75, 158.83, -54.46, 158.97), b(-43.65, 112.92, -9.23, 153.63), b(-31.6, 159.04, -31.51, 159.11)]), // Australia
    country("AW", "ABW", Zones::One(Tz::America__Aruba), &[b(12.41, -70.07, 12.64, -69.87)]), // Aruba
    country("AX", "ALA", Zones::One(Tz::Europe__Mariehamn), &[b(59.9, 19.51, 60.49, 21.1)]), // Åland Islands
    country("AZ", "AZE", Zones::One(Tz::Asia__Baku), &[b(38.39, 44.77, 41.9, 50.63)]), // Azerbaijan
    country("BA", "BIH", Zones::One(Tz::Europe__Sarajevo), &[b(42.55, 15.71, 45.29, 19.62)]), // Bosnia and Herzegovina
    country("BB", "BRB", Zones::One(Tz::America__Barbados), &[b(13.05, -59.66, 13.35, -59.42)]), // Barbados
    country("BD", "BGD", Zones::One(Tz::Asia__Dhaka), &[b(20.73, 88.02, 26.63, 92.65)]), // Bangladesh
    country("BE", "BEL", Zones::One(Tz::Europe__Brussels), &[b(49.49, 2.52, 51.5, 6.38)]), // Belgium
    country("BF", "BFA", Zones::One(Tz::Africa__Ouagadougou), &[b(9.39, -5.53, 15.08, 2.39)]), // Burkina Faso
    country("BG", "BGR", Zones::One(Tz::Europe__Sofia), &[b(41.23, 22.34, 44.23, 28.61)]), // Bulgaria
    country("BH", "BHR", Zones::One(Tz::Asia__Bahrain), &[b(25.79, 50.44, 26.25, 50.65)]), // Bahrain
    country("BI", "BDI", Zones::One(Tz::Africa__Bujumbura), &[b(-4.47, 28.98, -2.3, 30.84)]), // Burundi
    country("BJ", "BEN", Zones::One(Tz::Africa__PortoNovo), &[b(6.21, 0.76, 12.4, 3.84)]), // Benin
    country("BL", "BLM", Zones::One(Tz::America__St_Barthelemy), &[b(17.88, -62.87, 17.93, -62.79)]), // Saint Barthélemy
    country("BM", "BMU", Zones::One(Tz::Atlantic__Bermuda), &[b(32.24, -64.89, 32.39, -64.64)]), // Bermuda
    country("BN", "BRN", Zones::One(Tz::Asia__Brunei), &[b(4.01, 114.0, 5.06, 115.37)]), // Brunei Darussalam
    country("BO", "BOL", Zones::One(Tz::America__La_Paz), &[b(-22.9, -69.67, -9.68, -57.46)]), // Bolivia
    country("BQ", "BES", Zones::One(Tz::America__Kralendijk), &[b(12.02, -68.42, 12.32, -68.19), b(17.46, -63.26, 17.65, -62.94)]), // Bonaire, Sint Eustatius and Saba
    country("BR", "BRA", Zones::Several(&BRAZIL), &[b(-33.75, -74.02, 5.27, -32.38), b(-20.59, -29.35, -20.51, -28.87), b(0.83, -29.43, 0.9, -29.34)]), // Brazil
    country("BS", "BHS", Zones::One(Tz::America__Nassau), &[b(20.91, -79.6, 26.93, -72.74)]), // Bahamas
    country("BT", "BTN", Zones::One(Tz::Asia__Thimphu), &[b(26.69, 88.72, 28.36, 92.09)]), // Bhutan
    country("BV", "BVT", Zones::Uninhabited, &[b(-54.47, 3.34, -54.38, 3.49)]), // Bouvet Island
    country("BW", "BWA", Zones::One(Tz::Africa__Gaborone), &[b(-26.9, 19.97, -17.78, 29.35)]), // Botswana
    country("BY", "BLR", Zones::One(Tz::Europe__Minsk), &[b(51.23, 23.16, 56.16, 32.72)]), // Belarus
    country("BZ", "BLZ", Zones::One(Tz::America__Belize), &[b(15.87, -89.24, 18.5, -87.78)]), // Belize
    country("CA", "CAN", Zones::Several(&CANADA), &[b(41.66, -141.01, 83.12, -52.61)]), // Canada
    country("CC", "CCK", Zones::One(Tz::Indian__Cocos), &[b(-12.2, 96.82, -12.12, 96.93)]), // Cocos (Keeling) Islands
    country("CD", "COD", Zones::Several(&CONGO_KINSHASA), &[b(-13.46, 12.2, 5.38, 31.28)]), // Congo, The Democratic Republic of the
    country("CF", "CAF", Zones::One(Tz::Africa__Bangui), &[b(2.23, 14.38, 11.01, 27.45)]), // Central African Republic
    country("CG", "COG", Zones::One(Tz::Africa__Brazzaville), &[b(-5.02, 11.11, 3.71, 18.65)]), // Congo
    country("CH", "CHE", Zones::One(Tz::Europe__Zurich), &[b(45.82, 5.95, 47.81, 10.47)]), // Switzerland
    country("CI", "CIV", Zones::One(Tz::Africa__Abidjan), &[b(4.34, -8.63, 10.73, -2.5)]), // Côte d'Ivoire
    country("CK", "COK", Zones::One(Tz::Pacific__Rarotonga), &[b(-21.94, -159.85, -18.82, -157.31), b(-10.9, -165.83, -10.88, -165.8), b(-10.43, -161.09, -10.02, -160.93), b(-8.99, -158.01, -8.94, -157.93)]), // Cook Islands
    country("CL", "CHL", Zones::Several(&CHILE), &[b(-55.92, -75.72, -17.5, -66.42), b(-33.78, -80.78, -33.57, -78.75), b(-27.21, -109.46, -27.05, -109.21), b(-26.47, -105.48, -26.45, -105.46), b(-26.36, -80.11, -26.26, -79.89)]), // Chile
    country("CM", "CMR", Zones::One(Tz::Africa__Douala), &[b(1.65, 8.5, 13.09, 16.21)]), // Cameroon
    country("CN", "CHN", Zones::One(Tz::Asia__Shanghai), &[b(15.77, 73.6, 53.57, 134.78)]), // China
    country("CO", "COL", Zones::One(Tz::America__Bogota), &[b(-4.24, -81.73, 13.58, -66.87)]), // Colombia
    country("CR", "CRI", Zones::One(Tz::America__Costa_Rica), &[b(5.51, -87.12, 11.21, -82.56)]), // Costa Rica
    country("CU", "CUB", Zones::One(Tz::America__Havana), &[b(19.82, -84.95, 23.27, -74.13)]), // Cuba
    country("CV", "CPV", Zones::One(Tz::Atlantic__Cape_Verde), &[b(14.8, -25.37, 17.2, -22.66)]), // Cabo Verde
    country("CW", "CUW", Zones::One(Tz::America__Curacao), &[b(12.04, -69.18, 12.4, -68.74)]), // Curaçao
    country("CX", "CXR", Zones::One(Tz::Indian__Christmas), &[b(-10.57, 105.58, -10.43, 105.72)]), // Christmas Island
    country("CY", "CYP", Zones::One(Tz::Asia__Nicosia), &[b(34.56, 32.27, 35.7, 34.6)]), // Cyprus
    country("CZ", "CZE", Zones::One(Tz::Europe__Prague), &[b(48.55, 12.07, 51.04, 18.84)]), // Czechia
    country("DE", "DEU", Zones::Several(&GERMANY), &[b(47.27, 5.85, 55.07, 15.03)]), // Germany
    country("DJ", "DJI", Zones::One(Tz::Africa__Djibouti), &[b(10.92, 41.74, 12.71, 43.42)]), // Djibouti
    country("DK", "DNK", Zones::One(Tz::Europe__Copenhagen), &[b(54.56, 8.09, 57.76, 15.16)]), // Denmark
    country("DM", "DMA", Zones::One(Tz::America__Dominica), &[b(15.2, -61.5, 15.64, -61.24)]), // Dominica
    country("DO", "DOM", Zones::One(Tz::America__Santo_Domingo), &[b(17.54, -72.01, 19.94, -68.32)]), // Dominican Republic
    country("DZ", "DZA", Zones::One(Tz::Africa__Algiers), &[b(18.97, -8.69, 37.1, 11.97)]), // Algeria
    country("EC", "ECU", Zones::Several(&ECUADOR), &[b(-5.02, -81.02, 1.44, -75.22), b(-1.41, -92.02, 1.67, -89.25)]), // Ecuador
    country("EE", "EST", Zones::One(Tz::Europe__Tallinn), &[b(57.51, 21.83, 59.68, 28.19)]), // Estonia
    country("EG", "EGY", Zones::One(Tz::Africa__Cairo), &[b(21.99, 24.68, 31.66, 36.9)]), // Egypt
    country("EH", "ESH", Zones::One(Tz::Africa__El_Aaiun), &[b(20.76, -17.11, 27.67, -8.68)]), // Western Sahara
    country("ER", "ERI", Zones::One(Tz::Africa__Asmara), &[b(12.35, 36.42, 18.01, 43.13)]), // Eritrea
    country("ES", "ESP", Zones::Several(&SPAIN), &[b(27.64, -18.17, 29.29, -13.41), b(35.17, -9.3, 43.8, 4.34)]), // Spain
    country("ET", "ETH", Zones::One(Tz::Africa__Addis_Ababa), &[b(3.4, 32.98, 14.89, 47.98)]), // Ethiopia
    country("FI", "FIN", Zones::One(Tz::Europe__Helsinki), &[b(59.81, 20.62, 70.08, 31.58)]), // Finland
    country("FJ", "FJI", Zones::One(Tz::Pacific__Fiji), &[b(-21.72, 174.58, -16.14, 180.0), b(-20.68, -180.0, -16.12, -178.21), b(-12.52, 177.0, -12.47, 177.14)]), // Fiji
    country("FK", "FLK", Zones::One(Tz::Atlantic__Stanley), &[b(-52.41, -61.32, -51.02, -57.73)]), // Falkland Islands (Malvinas)
    country("FM", "FSM", Zones::Several(&MICRONESIA), &[b(0.91, 154.71, 0.98, 154.82), b(3.75, 149.18, 8.99, 158.34), b(5.26, 162.91, 5.39, 163.05), b(9.41, 138.06, 9.78, 140.54)]), // Micronesia, Federated States of
    country("FO", "FRO", Zones::One(Tz::Atlantic__Faroe), &[b(61.39, -7.65, 62.4, -6.27)]), // Faroe Islands
    country("FR", "FRA", Zones::One(Tz::Europe__Paris), &[b(41.36, -5.14, 51.09, 9.56)]), // France
    country("GA", "GAB", Zones::One(Tz::Africa__Libreville), &[b(-3.94, 8.69, 2.33, 14.5)]), // Gabon
    country("GB", "GBR", Zones::One(Tz::Europe__London), &[b(49.9, -8.63, 60.85, 1.77), b(57.59, -13.7, 57.6, -13.68)]), // United Kingdom
    country("GD", "GRD", Zones::One(Tz::America__Grenada), &[b(12.0, -61.79, 12.53, -61.42)]), // Grenada
    country("GE", "GEO", Zones::One(Tz::Asia__Tbilisi), &[b(41.04, 39.98, 43.58, 46.7)]), // Georgia
    country("GF", "GUF", Zones::One(Tz::America__Cayenne), &[b(2.11, -54.62, 5.75, -51.64)]), // French Guiana
    country("GG", "GGY", Zones::One(Tz::Europe__Guernsey), &[b(49.41, -2.68, 49.74, -2.16)]), // Guernsey
    country("GH", "GHA", Zones::One(Tz::Africa__Accra), &[b(4.73, -3.27, 11.17, 1.19)]), // Ghana
    country("GI", "GIB", Zones::One(Tz::Europe__Gibraltar), &[b(36.11, -5.36, 36.15, -5.33)]), // Gibraltar
    country("GL", "GRL", Zones::Several(&GREENLAND), &[b(59.79, -73.06, 83.64, -11.37)]), // Greenland
    country("GM", "GMB", Zones::One(Tz::Africa__Banjul), &[b(13.06, -16.83, 13.82, -13.81)]), // Gambia
    country("GN", "GIN", Zones::One(Tz::Africa__Conakry), &[b(7.19, -15.09, 12.68, -7.66)]), // Guinea
    country("GP", "GLP", Zones::One(Tz::America__Guadeloupe), &[b(15.84, -61.8, 16.52, -60.99)]), // Guadeloupe
    country("GQ", "GNQ", Zones::One(Tz::Africa__Malabo), &[b(-1.48, 5.61, -1.41, 5.65), b(0.92, 8.42, 3.78, 11.34)]), // Equatorial Guinea
    country("GR", "GRC", Zones::One(Tz::Europe__Athens), &[b(34.81, 19.62, 41.76, 28.25)]), // Greece
    country("GS", "SGS", Zones::One(Tz::Atlantic__South_Georgia), &[b(-59.48, -28.22, -56.27, -26.23), b(-54.89, -38.09, -53.97, -35.78)]), // South Georgia and the South Sandwich Islands
    country("GT", "GTM", Zones::One(Tz::America__Guatemala), &[b(13.73, -92.25, 17.82, -88.22)]), // Guatemala
    country("GU", "GUM", Zones::One(Tz::Pacific__Guam), &[b(13.24, 144.62, 13.66, 144.96)]), // Guam
    country("GW", "GNB", Zones::One(Tz::Africa__Bissau), &[b(10.92, -16.73, 12.69, -13.66)]), // Guinea-Bissau
    country("GY", "GUY", Zones::One(Tz::America__Guyana), &[b(1.18, -61.4, 8.56, -56.48)]), // Guyana
    country("HK", "HKG", Zones::One(Tz::Asia__Hong_Kong), &[b(22.17, 113.83, 22.57, 114.41)]), // Hong Kong
    country("HM", "HMD", Zones::Uninhabited, &[b(-53.2, 73.23, -52.96, 73.82)]), // Heard Island and McDonald Islands
    country("HN", "HND", Zones::One(Tz::America__Tegucigalpa), &[b(12.97, -89.37, 17.42, -83.13)]), // Honduras
    country("HR", "HRV", Zones::One(Tz::Europe__Zagreb), &[b(42.41, 13.5, 46.55, 19.41)]), // Croatia
    country("HT", "HTI", Zones::One(Tz::America__PortauPrince), &[b(18.02, -74.5, 20.09, -71.63)]), // Haiti
    country("HU", "HUN", Zones::One(Tz::Europe__Budapest), &[b(45.74, 16.09, 48.57, 22.88)]), // Hungary
    country("ID", "IDN", Zones::Several(&INDONESIA), &[b(-10.93, 95.01, 5.92, 140.98)]), // Indonesia
    country("IE", "IRL", Zones::One(Tz::Europe__Dublin), &[b(51.44, -10.48, 55.39, -5.99)]), // Ireland
    country("IL", "ISR", Zones::One(Tz::Asia__Jerusalem), &[b(29.48, 34.24, 33.41, 35.89)]), // Israel
    country("IM", "IMN", Zones::One(Tz::Europe__Isle_of_Man), &[b(54.05, -4.79, 54.42, -4.31)]), // Isle of Man
    country("IN", "IND", Zones::One(Tz::Asia__Kolkata), &[b(6.74, 68.14, 35.5, 97.37)]), // India
    country("IO", "IOT", Zones::One(Tz::Indian__Chagos), &[b(-7.44, 71.26, -5.22, 72.5)]), // British Indian Ocean Territory
    country("IQ", "IRQ", Zones::One(Tz::Asia__Baghdad), &[b(29.06, 38.77, 37.38, 48.56)]), // Iraq
    country("IR", "IRN", Zones::One(Tz::Asia__Tehran), &[b(25.05, 44.01, 39.78, 63.32)]), // Iran
    country("IS", "ISL", Zones::One(Tz::Atlantic__Reykjavik), &[b(63.39, -24.54, 66.57, -13.5)]), // Iceland
    country("IT", "ITA", Zones::One(Tz::Europe__Rome), &[b(35.48, 6.6, 47.09, 18.52)]), // Italy
    country("JE", "JEY", Zones::One(Tz::Europe__Jersey), &[b(49.17, -2.25, 49.27, -2.0)]), // Jersey
    country("JM", "JAM", Zones::One(Tz::America__Jamaica), &[b(17.7, -78.38, 18.53, -76.18)]), // Jamaica
    country("JO", "JOR", Zones::One(Tz::Asia__Amman), &[b(29.18, 34.95, 33.38, 39.3)]), // Jordan
    country("JP", "JPN", Zones::One(Tz::Asia__Tokyo), &[b(24.21, 122.93, 45.53, 145.83), b(24.28, 153.93, 24.32, 153.99)]), // Japan
    country("KE", "KEN", Zones::One(Tz::Africa__Nairobi), &[b(-4.68, 33.88, 5.04, 41.89)]), // Kenya
    country("KG", "KGZ", Zones::One(Tz::Asia__Bishkek), &[b(39.18, 69.22, 43.27, 80.26)]), // Kyrgyzstan
    country("KH", "KHM", Zones::One(Tz::Asia__Phnom_Penh), &[b(10.41, 102.31, 14.71, 107.62)]), // Cambodia
    country("KI", "KIR", Zones::Several(&KIRIBATI), &[b(-11.47, -151.82, -11.38, -151.77), b(-5.64, -155.94, -4.03, -154.94), b(-4.7, -174.55, -2.75, -171.08), b(-2.67, 172.74, 3.15, 176.85), b(-0.88, 169.52, -0.84, 169.56), b(1.7, -160.42, 4.73, -157.17)]), // Kiribati
    country("KM", "COM", Zones::One(Tz::Indian__Comoro), &[b(-12.39, 43.21, -11.36, 44.54)]), // Comoros
    country("KN", "KNA", Zones::One(Tz::America__St_Kitts), &[b(17.1, -62.87, 17.42, -62.53)]), // Saint Kitts and Nevis
    country("KP", "PRK", Zones::One(Tz::Asia__Pyongyang), &[b(37.67, 124.21, 43.02, 130.71)]), // North Korea
    country("KR", "KOR", Zones::One(Tz::Asia__Seoul), &[b(33.19, 124.61, 38.63, 131.87)]), // South Korea
    country("KW", "KWT", Zones::One(Tz::Asia__Kuwait), &[b(28.53, 46.53, 30.1, 48.44)]), // Kuwait
    country("KY", "CYM", Zones::One(Tz::America__Cayman), &[b(19.26, -81.42, 19.76, -79.72)]), // Cayman Islands
    country("KZ", "KAZ", Zones::One(Tz::Asia__Almaty), &[b(40.58, 46.47, 55.44, 87.33)]), // Kazakhstan
    country("LA", "LAO", Zones::One(Tz::Asia__Vientiane), &[b(13.91, 100.09, 22.5, 107.67)]), // Laos
    country("LB", "LBN", Zones::One(Tz::Asia__Beirut), &[b(33.05, 35.09, 34.69, 36.61)]), // Lebanon
    country("LC", "LCA", Zones::One(Tz::America__St_Lucia), &[b(13.71, -61.09, 14.12, -60.88)]), // Saint Lucia
    country("LI", "LIE", Zones::One(Tz::Europe__Vaduz), &[b(47.05, 9.47, 47.27, 9.62)]), // Liechtenstein
    country("LK", "LKA", Zones::One(Tz::Asia__Colombo), &[b(5.92, 79.65, 9.83, 81.9)]), // Sri Lanka
    country("LR", "LBR", Zones::One(Tz::Africa__Monrovia), &[b(4.34, -11.48, 8.57, -7.38)]), // Liberia
    country("LS", "LSO", Zones::One(Tz::Africa__Maseru), &[b(-30.66, 27.0, -28.57, 29.44)]), // Lesotho
    country("LT", "LTU", Zones::One(Tz::Europe__Vilnius), &[b(53.88, 20.92, 56.45, 26.81)]), // Lithuania
    country("LU", "LUX", Zones::One(Tz::Europe__Luxembourg), &[b(49.44, 5.71, 50.18, 6.51)]), // Luxembourg
    country("LV", "LVA", Zones::One(Tz::Europe__Riga), &[b(55.66, 20.96, 58.08, 28.22)]), // Latvia
    country("LY", "LBY", Zones::One(Tz::Africa__Tripoli), &[b(19.49, 9.28, 33.19, 25.16)]), // Libya
    country("MA", "MAR", Zones::One(Tz::Africa__Casablanca), &[b(21.42, -17.02, 35.93, -1.03)]), // Morocco
    country("MC", "MCO", Zones::One(Tz::Europe__Monaco), &[b(43.71, 7.36, 43.77, 7.44)]), // Monaco
    country("MD", "MDA", Zones::One(Tz::Europe__Chisinau), &[b(45.46, 26.61, 48.49, 30.14)]), // Moldova
    country("ME", "MNE", Zones::One(Tz::Europe__Podgorica), &[b(41.85, 18.43, 43.55, 20.36)]), // Montenegro
    country("MF", "MAF", Zones::One(Tz::America__Marigot), &[b(18.03, -63.15, 18.13, -63.0)]), // Saint Martin (French part)
    country("MG", "MDG", Zones::One(Tz::Indian__Antananarivo), &[b(-25.6, 43.22, -11.94, 50.51)]), // Madagascar
    country("MH", "MHL", Zones::Several(&MARSHALL_ISLANDS), &[b(4.57, 165.28, 11.72, 172.03), b(14.58, 168.98, 14.62, 169.02)]), // Marshall Islands
    country("MK", "MKD", Zones::One(Tz::Europe__Skopje), &[b(40.84, 20.44, 42.38, 23.01)]), // North Macedonia
    country("ML", "MLI", Zones::One(Tz::Africa__Bamako), &[b(10.14, -12.27, 25.0, 4.24)]), // Mali
    country("MM", "MMR", Zones::One(Tz::Asia__Yangon), &[b(9.79, 92.17, 28.54, 101.18)]), // Myanmar
    country("MN", "MNG", Zones::Several(&MONGOLIA), &[b(41.58, 87.73, 52.14, 119.91)]), // Mongolia
    country("MO", "MAC", Zones::One(Tz::Asia__Macau), &[b(22.1, 113.51, 22.23, 113.59)]), // Macao
    country("MP", "MNP", Zones::One(Tz::Pacific__Saipan), &[b(14.11, 144.9, 20.56, 145.87)]), // Northern Mariana Islands
    country("MQ", "MTQ", Zones::One(Tz::America__Martinique), &[b(14.4, -61.23, 14.88, -60.81)]), // Martinique
    country("MR", "MRT", Zones::One(Tz::Africa__Nouakchott), &[b(14.73, -17.09, 27.29, -4.82)]), // Mauritania
    country("MS", "MSR", Zones::One(Tz::America__Montserrat), &[b(16.67, -62.23, 16.82, -62.14)]), // Montserrat
    country("MT", "MLT", Zones::One(Tz::Europe__Malta), &[b(35.8, 14.18, 36.08, 14.57)]), // Malta
    country("MU", "MUS", Zones::One(Tz::Indian__Mauritius), &[b(-20.52, 57.3, -19.97, 57.8), b(-19.77, 63.33, -19.66, 63.5), b(-10.41, 56.52, -10.32, 56.57)]), // Mauritius
    country("MV", "MDV", Zones::One(Tz::Indian__Maldives), &[b(-0.69, 72.68, 7.11, 73.76)]), // Maldives
    country("MW", "MWI", Zones::One(Tz::Africa__Blantyre), &[b(-17.14, 32.66, -9.38, 35.91)]), // Malawi
    country("MX", "MEX", Zones::Several(&MEXICO), &[b(14.54, -118.37, 32.72, -86.7)]), // Mexico
    country("MY", "MYS", Zones::Several(&MALAYSIA), &[b(0.85, 109.52, 7.36, 119.28), b(1.27, 99.64, 6.71, 104.3)]), // Malaysia
    country("MZ", "MOZ", Zones::One(Tz::Africa__Maputo), &[b(-26.86, 30.21, -10.46, 40.85)]), // Mozambique
    country("NA", "NAM", Zones::One(Tz::Africa__Windhoek), &[b(-28.96, 11.71, -16.95, 25.26)]), // Namibia
    country("NC", "NCL", Zones::One(Tz::Pacific__Noumea), &[b(-22.68, 163.61, -19.62, 168.15), b(-22.35, 171.33, -22.34, 171.35)]), // New Caledonia
    country("NE", "NER", Zones::One(Tz::Africa__Niamey), &[b(11.69, 0.15, 23.52, 15.98)]), // Niger
    country("NF", "NFK", Zones::One(Tz::Pacific__Norfolk), &[b(-29.09, 167.91, -28.99, 168.0)]), // Norfolk Island
    country("NG", "NGA", Zones::One(Tz::Africa__Lagos), &[b(4.27, 2.66, 13.89, 14.67)]), // Nigeria
    country("NI", "NIC", Zones::One(Tz::America__Managua), &[b(10.71, -87.69, 15.04, -82.72)]), // Nicaragua
    country("NL", "NLD", Zones::One(Tz::Europe__Amsterdam), &[b(50.74, 3.34, 53.56, 7.2)]), // Netherlands
    country("NO", "NOR", Zones::One(Tz::Europe__Oslo), &[b(57.99, 4.64, 71.17, 31.08)]), // Norway
    country("NP", "NPL", Zones::One(Tz::Asia__Kathmandu), &[b(26.34, 80.03, 30.42, 88.18)]), // Nepal
    country("NR", "NRU", Zones::One(Tz::Pacific__Nauru), &[b(-0.56, 166.9, -0.49, 166.96)]), // Nauru
    country("NU", "NIU", Zones::One(Tz::Pacific__Niue), &[b(-19.15, -169.95, -18.96, -169.78)]), // Niue
    country("NZ", "NZL", Zones::Several(&NEW_ZEALAND), &[b(-52.61, 165.88, -34.39, 178.85), b(-44.35, -176.86, -43.7, -176.11), b(-29.3, -177.96, -29.22, -177.84)]), // New Zealand
    country("OM", "OMN", Zones::One(Tz::Asia__Muscat), &[b(16.64, 51.97, 26.39, 59.85)]), // Oman
    country("PA", "PAN", Zones::One(Tz::America__Panama), &[b(7.2, -83.06, 9.63, -77.16)]), // Panama
    country("PE", "PER", Zones::One(Tz::America__Lima), &[b(-18.34, -81.34, -0.02, -68.68)]), // Peru
    country("PF", "PYF", Zones::Several(&FRENCH_POLYNESIA), &[b(-27.65, -144.35, -27.55, -144.28), b(-23.88, -154.54, -14.16, -134.94), b(-10.55, -140.73, -7.95, -138.62)]), // French Polynesia
    country("PG", "PNG", Zones::Several(&PAPUA_NEW_GUINEA), &[b(-11.64, 140.84, -1.34, 155.97)]), // Papua New Guinea
    country("PH", "PHL", Zones::One(Tz::Asia__Manila), &[b(4.65, 116.95, 21.13, 126.62)]), // Philippines
    country("PK", "PAK", Zones::One(Tz::Asia__Karachi), &[b(23.69, 60.84, 37.06, 77.05)]), // Pakistan
    country("PL", "POL", Zones::One(Tz::Europe__Warsaw), &[b(48.99, 14.12, 54.84, 24.15)]), // Poland
    country("PM", "SPM", Zones::One(Tz::America__Miquelon), &[b(46.75, -56.4, 47.15, -56.14)]), // Saint Pierre and Miquelon
    country("PN", "PCN", Zones::One(Tz::Pacific__Pitcairn), &[b(-25.08, -130.76, -23.92, -128.28), b(-24.68, -124.8, -24.66, -124.77)]), // Pitcairn
    country("PR", "PRI", Zones::One(Tz::America__Puerto_Rico), &[b(17.92, -67.94, 18.53, -65.24)]), // Puerto Rico
    country("PS", "PSE", Zones::Several(&PALESTINE), &[b(31.21, 34.19, 32.55, 35.58)]), // Palestine, State of
    country("PT", "PRT", Zones::Several(&PORTUGAL), &[b(30.02, -17.26, 33.12, -15.85), b(36.93, -31.29, 39.73, -25.01), b(36.96, -9.5, 42.16, -6.2)]), // Portugal
    country("PW", "PLW", Zones::One(Tz::Pacific__Palau), &[b(2.94, 131.12, 8.1, 134.73)]), // Palau
    country("PY", "PRY", Zones::One(Tz::America__Asuncion), &[b(-27.59, -62.65, -19.28, -54.24)]), // Paraguay
    country("QA", "QAT", Zones::One(Tz::Asia__Qatar), &[b(24.55, 50.75, 26.16, 51.62)]), // Qatar
    country("RE", "REU", Zones::One(Tz::Indian__Reunion), &[b(-21.38, 55.22, -20.86, 55.86)]), // Réunion
    country("RO", "ROU", Zones::One(Tz::Europe__Bucharest), &[b(43.65, 20.24, 48.28, 29.7)]), // Romania
    country("RS", "SRB", Zones::One(Tz::Europe__Belgrade), &[b(42.23, 18.84, 46.18, 22.99)]), // Serbia
    country("RU", "RUS", Zones::Several(&RUSSIA), &[b(41.19, 26.94, 81.86, 180.0), b(54.34, 19.61, 55.29, 22.85), b(64.24, -180.0, 71.6, -168.99)]), // Russian Federation
    country("RW", "RWA", Zones::One(Tz::Africa__Kigali), &[b(-2.83, 28.85, -1.05, 30.89)]), // Rwanda
    country("SA", "SAU", Zones::One(Tz::Asia__Riyadh), &[b(16.37, 34.57, 32.13, 55.64)]), // Saudi Arabia
    country("SB", "SLB", Zones::One(Tz::Pacific__Guadalcanal), &[b(-12.3, 165.72, -9.8, 168.83), b(-11.85, 155.5, -6.6, 162.76)]), // Solomon Islands
    country("SC", "SYC", Zones::One(Tz::Indian__Mahe), &[b(-9.76, 46.2, -9.32, 47.52), b(-7.2, 52.74, -3.79, 56.29)]), // Seychelles
    country("SD", "SDN", Zones::One(Tz::Africa__Khartoum), &[b(8.68, 21.81, 22.23, 38.61)]), // Sudan
    country("SE", "SWE", Zones::One(Tz::Europe__Stockholm), &[b(55.34, 11.1, 69.04, 24.17)]), // Sweden
    country("SG", "SGP", Zones::One(Tz::Asia__Singapore), &[b(1.26, 103.63, 1.45, 104.01)]), // Singapore
    country("SH", "SHN", Zones::One(Tz::Atlantic__St_Helena), &[b(-40.4, -10.04, -40.3, -9.89), b(-37.15, -12.34, -37.05, -12.19), b(-16.02, -5.8, -15.9, -5.65), b(-7.98, -14.42, -7.87, -14.29)]), // Saint Helena, Ascension and Tristan da Cunha
    country("SI", "SVN", Zones::One(Tz::Europe__Ljubljana), &[b(45.42, 13.36, 46.87, 16.52)]), // Slovenia
    country("SJ", "SJM", Zones::One(Tz::Arctic__Longyearbyen), &[b(70.8, -9.12, 71.19, -7.93), b(74.34, 10.48, 80.78, 33.65)]), // Svalbard and Jan Mayen
    country("SK", "SVK", Zones::One(Tz::Europe__Bratislava), &[b(47.75, 16.84, 49.61, 22.54)]), // Slovakia
    country("SL", "SLE", Zones::One(Tz::Africa__Freetown), &[b(6.91, -13.31, 10.0, -10.28)]), // Sierra Leone
    country("SM", "SMR", Zones::One(Tz::Europe__San_Marino), &[b(43.89, 12.38, 43.99, 12.5)]), // San Marino
    country("SN", "SEN", Zones::One(Tz::Africa__Dakar), &[b(12.3, -17.54, 16.7, -11.37)]), // Senegal
    country("SO", "SOM", Zones::One(Tz::Africa__Mogadishu), &[b(-1.7, 40.96, 11.99, 51.42)]), // Somalia
    country("SR", "SUR", Zones::One(Tz::America__Paramaribo), &[b(1.83, -58.07, 6.02, -53.98)]), // Suriname
    country("SS", "SSD", Zones::One(Tz::Africa__Juba), &[b(3.49, 24.12, 12.22, 35.92)]), // South Sudan
    country("ST", "STP", Zones::One(Tz::Africa__Sao_Tome), &[b(0.02, 6.46, 1.7, 7.47)]), // Sao Tome and Principe
    country("SV", "SLV", Zones::One(Tz::America__El_Salvador), &[b(13.15, -90.12, 14.45, -87.69)]), // El Salvador
    country("SX", "SXM", Zones::One(Tz::America__Lower_Princes), &[b(18.01, -63.12, 18.07, -63.01)]), // Sint Maarten (Dutch part)
    country("SY", "SYR", Zones::One(Tz::Asia__Damascus), &[b(32.31, 35.72, 37.33, 42.38)]), // Syria
    country("SZ", "SWZ", Zones::One(Tz::Africa__Mbabane), &[b(-27.32, 30.78, -25.73, 32.12)]), // Eswatini
    country("TC", "TCA", Zones::One(Tz::America__Grand_Turk), &[b(21.29, -72.49, 21.96, -71.12)]), // Turks and Caicos Islands
    country("TD", "TCD", Zones::One(Tz::Africa__Ndjamena), &[b(7.45, 13.44, 23.45, 23.99)]), // Chad
    country("TF", "ATF", Zones::One(Tz::Indian__Kerguelen), &[b(-49.73, 68.61, -48.56, 70.57), b(-46.46, 50.17, -46.04, 51.87), b(-38.74, 77.48, -37.82, 77.59), b(-22.37, 39.72, -21.44, 40.39), b(-17.08, 42.72, -17.05, 42.76), b(-15.9, 54.51, -15.88, 54.53), b(-11.57, 47.28, -11.55, 47.31)]), // French Southern Territories
    country("TG", "TGO", Zones::One(Tz::Africa__Lome), &[b(6.09, -0.17, 11.14, 1.79)]), // Togo
    country("TH", "THA", Zones::One(Tz::Asia__Bangkok), &[b(5.63, 97.35, 20.45, 105.66)]), // Thailand
    country("TJ", "TJK", Zones::One(Tz::Asia__Dushanbe), &[b(36.67, 67.34, 41.04, 75.17)]), // Tajikistan
    country("TK", "TKL", Zones::One(Tz::Pacific__Fakaofo), &[b(-9.37, -172.51, -8.54, -171.18)]), // Tokelau
    country("TL", "TLS", Zones::One(Tz::Asia__Dili), &[b(-9.51, 124.03, -8.13, 127.32)]), // Timor-Leste
    country("TM", "TKM", Zones::One(Tz::Asia__Ashgabat), &[b(35.13, 52.43, 42.8, 66.65)]), // Turkmenistan
    country("TN", "TUN", Zones::One(Tz::Africa__Tunis), &[b(30.22, 7.47, 37.35, 11.57)]), // Tunisia
    country("TO", "TON", Zones::One(Tz::Pacific__Tongatapu), &[b(-22.34, -176.22, -18.56, -173.91), b(-15.63, -175.69, -15.55, -175.61)]), // Tonga
    country("TR", "TUR", Zones::One(Tz::Europe__Istanbul), &[b(35.82, 25.66, 42.1, 44.81)]), // Türkiye
    country("TT", "TTO", Zones::One(Tz::America__Port_of_Spain), &[b(10.04, -61.93, 11.36, -60.52)]), // Trinidad and Tobago
    country("TV", "TUV", Zones::One(Tz::Pacific__Funafuti), &[b(-9.43, 176.12, -5.67, 179.91)]), // Tuvalu
    country("TW", "TWN", Zones::One(Tz::Asia__Taipei), &[b(21.9, 118.28, 25.29, 122.01)]), // Taiwan
    country("TZ", "TZA", Zones::One(Tz::Africa__Dar_es_Salaam), &[b(-11.74, 29.32, -0.98, 40.45)]), // Tanzania
    country("UA", "UKR", Zones::Several(&UKRAINE), &[b(44.38, 32.48, 46.25, 36.65), b(45.21, 22.13, 52.37, 40.17)]), // Ukraine
    country("UG", "UGA", Zones::One(Tz::Africa__Kampala), &[b(-1.48, 29.54, 4.23, 35.01)]), // Uganda
    country("UM", "UMI", Zones::Several(&US_MINOR_ISLANDS), &[b(-0.39, -160.04, -0.37, -160.0), b(0.18, -176.65, 0.81, -176.45), b(5.87, -162.4, 6.45, -162.05), b(16.72, -169.55, 16.77, -169.51), b(18.39, -75.04, 18.42, -75.0), b(19.27, 166.61, 19.31, 166.66), b(28.19, -177.39, 28.22, -177.32)]), // United States Minor Outlying Islands
    country("US", "USA", Zones::Several(&UNITED_STATES), &[b(18.9, -161.95, 23.05, -154.81), b(23.56, -164.71, 23.58, -164.69), b(24.54, -124.74, 49.37, -66.89), b(25.0, -168.01, 25.02, -167.99), b(25.75, -173.97, 26.08, -171.72), b(28.38, -178.31, 28.41, -178.28), b(51.21, -179.15, 71.42, -129.98), b(51.35, 172.47, 53.02, 179.79)]), // United States
    country("UY", "URY", Zones::One(Tz::America__Montevideo), &[b(-34.98, -58.44, -30.09, -53.1)]), // Uruguay
    country("UZ", "UZB", Zones::One(Tz::Asia__Tashkent), &[b(37.18, 55.97, 45.56, 73.15)]), // Uzbekistan
    country("VA", "VAT", Zones::One(Tz::Europe__Vatican), &[b(41.9, 12.45, 41.91, 12.46)]), // Holy See (Vatican City State)
    country("VC", "VCT", Zones::One(Tz::America__St_Vincent), &[b(12.58, -61.47, 13.39, -61.12)]), // Saint Vincent and the Grenadines
    country("VE", "VEN", Zones::One(Tz::America__Caracas), &[b(0.64, -73.4, 12.2, -59.81), b(15.69, -63.65, 15.71, -63.63)]), // Venezuela
    country("VG", "VGB", Zones::One(Tz::America__Tortola), &[b(18.33, -64.78, 18.75, -64.26)]), // Virgin Islands, British
    country("VI", "VIR", Zones::One(Tz::America__St_Thomas), &[b(17.68, -65.05, 18.39, -64.55)]), // Virgin Islands, U.S.
    country("VN", "VNM", Zones::One(Tz::Asia__Ho_Chi_Minh), &[b(8.56, 102.12, 23.37, 109.48)]), // Vietnam
    country("VU", "VUT", Zones::One(Tz::Pacific__Efate), &[b(-20.26, 166.52, -13.06, 169.9)]), // Vanuatu
    country("WF", "WLF", Zones::One(Tz::Pacific__Wallis), &[b(-14.33, -178.19, -13.2, -176.12)]), // Wallis and Futuna
    country("WS", "WSM", Zones::One(Tz::Pacific__Apia), &[b(-14.06, -172.79, -13.46, -171.43)]), // Samoa
    country("XK", "XKX", Zones::One(Tz::Europe__Belgrade), &[b(41.84, 20.02, 43.27, 21.78)]), // Kosovo
    country("YE", "YEM", Zones::One(Tz::Asia__Aden), &[b(12.11, 42.54, 19.0, 54.54)]), // Yemen
    country("YT", "MYT", Zones::One(Tz::Indian__Mayotte), &[b(-12.99, 45.04, -12.64, 45.3)]), // Mayotte
    country("ZA", "ZAF", Zones::One(Tz::Africa__Johannesburg), &[b(-46.97, 37.57, -46.59, 37.98), b(-34.83, 16.46, -22.12, 32.9)]), // South Africa
    country("ZM", "ZMB", Zones::One(Tz::Africa__Lusaka), &[b(-18.07, 21.98, -8.19, 33.68)]), // Zambia
    country("ZW", "ZWE", Zones::One(Tz::Africa__Harare), &[b(-22.4, 25.22, -15.61, 33.05)]), // Zimbabwe
];
