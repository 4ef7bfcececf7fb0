//! ISO 3166-1 country codes: alpha-3 to alpha-2, for feeds (OCPI) that write `"DEU"` where the
//! API writes `"DE"`.

/// Every ISO 3166-1 country (and Kosovo, `XKX`/`XK`) as alpha-3 followed by alpha-2, the
/// same list the [`zone`](crate::zone) module covers (a unit test checks both agree).
const CODES: &str = "\
ANDAD AREAE AFGAF ATGAG AIAAI ALBAL ARMAM AGOAO ATAAQ ARGAR ASMAS AUTAT AUSAU ABWAW ALAAX AZEAZ \
BIHBA BRBBB BGDBD BELBE BFABF BGRBG BHRBH BDIBI BENBJ BLMBL BMUBM BRNBN BOLBO BESBQ BRABR BHSBS \
BTNBT BVTBV BWABW BLRBY BLZBZ CANCA CCKCC CODCD CAFCF COGCG CHECH CIVCI COKCK CHLCL CMRCM CHNCN \
COLCO CRICR CUBCU CPVCV CUWCW CXRCX CYPCY CZECZ DEUDE DJIDJ DNKDK DMADM DOMDO DZADZ ECUEC ESTEE \
EGYEG ESHEH ERIER ESPES ETHET FINFI FJIFJ FLKFK FSMFM FROFO FRAFR GABGA GBRGB GRDGD GEOGE GUFGF \
GGYGG GHAGH GIBGI GRLGL GMBGM GINGN GLPGP GNQGQ GRCGR SGSGS GTMGT GUMGU GNBGW GUYGY HKGHK HMDHM \
HNDHN HRVHR HTIHT HUNHU IDNID IRLIE ISRIL IMNIM INDIN IOTIO IRQIQ IRNIR ISLIS ITAIT JEYJE JAMJM \
JORJO JPNJP KENKE KGZKG KHMKH KIRKI COMKM KNAKN PRKKP KORKR KWTKW CYMKY KAZKZ LAOLA LBNLB LCALC \
LIELI LKALK LBRLR LSOLS LTULT LUXLU LVALV LBYLY MARMA MCOMC MDAMD MNEME MAFMF MDGMG MHLMH MKDMK \
MLIML MMRMM MNGMN MACMO MNPMP MTQMQ MRTMR MSRMS MLTMT MUSMU MDVMV MWIMW MEXMX MYSMY MOZMZ NAMNA \
NCLNC NERNE NFKNF NGANG NICNI NLDNL NORNO NPLNP NRUNR NIUNU NZLNZ OMNOM PANPA PERPE PYFPF PNGPG \
PHLPH PAKPK POLPL SPMPM PCNPN PRIPR PSEPS PRTPT PLWPW PRYPY QATQA REURE ROURO SRBRS RUSRU RWARW \
SAUSA SLBSB SYCSC SDNSD SWESE SGPSG SHNSH SVNSI SJMSJ SVKSK SLESL SMRSM SENSN SOMSO SURSR SSDSS \
STPST SLVSV SXMSX SYRSY SWZSZ TCATC TCDTD ATFTF TGOTG THATH TJKTJ TKLTK TLSTL TKMTM TUNTN TONTO \
TURTR TTOTT TUVTV TWNTW TZATZ UKRUA UGAUG UMIUM USAUS URYUY UZBUZ VATVA VCTVC VENVE VGBVG VIRVI \
VNMVN VUTVU WLFWF WSMWS XKXXK YEMYE MYTYT ZAFZA ZMBZM ZWEZW";

/// The ISO 3166-1 alpha-2 code of a country given as alpha-2 or alpha-3, in any case, with
/// surrounding whitespace ignored; `None` for anything else.
///
/// # Examples
/// ```
/// use connect_domain::station::country_alpha2;
/// assert_eq!(country_alpha2("DEU"), Some("DE"));
/// assert_eq!(country_alpha2("nld"), Some("NL"));
/// assert_eq!(country_alpha2("de"), Some("DE"));
/// assert_eq!(country_alpha2("Germany"), None);
/// ```
pub fn country_alpha2(code: &str) -> Option<&'static str> {
    let code = code.trim();
    match code.len() {
        // Every station read from the API asks this of its id's prefix: a binary search over
        // the list, which is sorted by alpha-2, instead of a scan of it.
        2 => {
            let wanted = [
                code.as_bytes()[0].to_ascii_uppercase(),
                code.as_bytes()[1].to_ascii_uppercase(),
            ];
            let count = CODES.len().div_ceil(ENTRY);
            let alpha2 = |i: usize| CODES.get(i * ENTRY + 3..i * ENTRY + 5);
            let (mut low, mut high) = (0, count);
            while low < high {
                let middle = low + (high - low) / 2;
                let found = alpha2(middle)?;
                match found.as_bytes().cmp(&wanted[..]) {
                    std::cmp::Ordering::Less => low = middle + 1,
                    std::cmp::Ordering::Greater => high = middle,
                    std::cmp::Ordering::Equal => return Some(found),
                }
            }
            None
        }
        3 => CODES
            .split(' ')
            .find(|entry| {
                entry
                    .get(0..3)
                    .is_some_and(|c| c.eq_ignore_ascii_case(code))
            })
            .and_then(|entry| entry.get(3..5)),
        _ => None,
    }
}

/// One entry of [`CODES`] and the space after it: `DEUDE `.
const ENTRY: usize = 6;

/// Every (alpha-3, alpha-2) pair, for tests.
#[cfg(test)]
pub(super) fn all() -> impl Iterator<Item = (&'static str, &'static str)> {
    CODES
        .split(' ')
        .filter_map(|entry| Some((entry.get(0..3)?, entry.get(3..5)?)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_sorted_by_alpha2_in_fixed_width_entries_so_it_can_be_searched() {
        let entries: Vec<&str> = CODES.split(' ').collect();
        assert!(entries.iter().all(|entry| entry.len() == ENTRY - 1));
        assert!(entries.windows(2).all(|pair| pair[0][3..] < pair[1][3..]));
        for (alpha3, alpha2) in all() {
            assert_eq!(country_alpha2(alpha2), Some(alpha2));
            assert_eq!(country_alpha2(&alpha2.to_ascii_lowercase()), Some(alpha2));
            assert_eq!(country_alpha2(alpha3), Some(alpha2));
        }
        for unknown in ["AA", "ZZ", "A1", "é", "XX"] {
            assert_eq!(country_alpha2(unknown), None, "{unknown}");
        }
    }
}
