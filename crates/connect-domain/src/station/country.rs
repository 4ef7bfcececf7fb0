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
    let column = match code.len() {
        2 => 3..5,
        3 => 0..3,
        _ => return None,
    };
    CODES
        .split(' ')
        .find(|entry| {
            entry
                .get(column.clone())
                .is_some_and(|c| c.eq_ignore_ascii_case(code))
        })
        .and_then(|entry| entry.get(3..5))
}

/// Every (alpha-3, alpha-2) pair, for tests.
#[cfg(test)]
pub(super) fn all() -> impl Iterator<Item = (&'static str, &'static str)> {
    CODES
        .split(' ')
        .filter_map(|entry| Some((entry.get(0..3)?, entry.get(3..5)?)))
}
