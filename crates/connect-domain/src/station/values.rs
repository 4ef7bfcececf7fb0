//! The enums of the station model: values the API (or OCPI 2.1.1, which it copies) spells as
//! strings. Each keeps a value this version does not know as `Unknown`, so a new value never
//! breaks reading a station.

/// Adds `parse_lenient`: like `parse`, but ignoring surrounding whitespace and ASCII case,
/// for feeds that write `"charging "` or `"ac_3_phase"`.
macro_rules! lenient {
    ($($name:ident),+) => {$(
        impl $name {
            /// Reads a value ignoring surrounding whitespace and ASCII case (`" charging"` is
            /// `CHARGING`); anything else is kept as `Unknown`, trimmed.
            pub fn parse_lenient(text: &str) -> Self {
                let trimmed = text.trim();
                Self::KNOWN
                    .iter()
                    .find(|known| known.as_str().eq_ignore_ascii_case(trimmed))
                    .cloned()
                    .unwrap_or_else(|| Self::Unknown(trimmed.to_owned()))
            }
        }
    )+};
}

crate::api_value! {
    /// The plug or socket of a connector: OCPI 2.1.1 `ConnectorType`, the 25 values of the
    /// API's `connector_types` filter.
    ///
    /// # Examples
    /// ```
    /// use connect_domain::station::ConnectorStandard;
    /// assert_eq!(ConnectorStandard::parse("IEC_62196_T2"), ConnectorStandard::Iec62196T2);
    /// assert_eq!(ConnectorStandard::parse_lenient(" iec_62196_t2_combo"), ConnectorStandard::Iec62196T2Combo);
    /// assert_eq!(ConnectorStandard::parse("Type 2 outlet").as_str(), "Type 2 outlet");
    /// assert_eq!(ConnectorStandard::KNOWN.len(), 25);
    /// ```
    pub enum ConnectorStandard {
        /// CHAdeMO (DC).
        Chademo = "CHADEMO",
        /// Domestic type A (NEMA 1-15, two pins).
        DomesticA = "DOMESTIC_A",
        /// Domestic type B (NEMA 5-15, three pins).
        DomesticB = "DOMESTIC_B",
        /// Domestic type C (CEE 7/17, two pins).
        DomesticC = "DOMESTIC_C",
        /// Domestic type D (three pins).
        DomesticD = "DOMESTIC_D",
        /// Domestic type E (CEE 7/5, three pins).
        DomesticE = "DOMESTIC_E",
        /// Domestic type F (CEE 7/4, Schuko).
        DomesticF = "DOMESTIC_F",
        /// Domestic type G (BS 1363, Commonwealth).
        DomesticG = "DOMESTIC_G",
        /// Domestic type H (SI-32, two flat pins).
        DomesticH = "DOMESTIC_H",
        /// Domestic type I (AS 3112, two flat pins).
        DomesticI = "DOMESTIC_I",
        /// Domestic type J (IEC 60906-1, three pins).
        DomesticJ = "DOMESTIC_J",
        /// Domestic type K (Danish 107-2-D1).
        DomesticK = "DOMESTIC_K",
        /// Domestic type L (CEI 23-16-VII, Italy).
        DomesticL = "DOMESTIC_L",
        /// IEC 60309-2 industrial, single phase, 16 A (blue).
        Iec603092Single16 = "IEC_60309_2_single_16",
        /// IEC 60309-2 industrial, three phases, 16 A (red).
        Iec603092Three16 = "IEC_60309_2_three_16",
        /// IEC 60309-2 industrial, three phases, 32 A (red).
        Iec603092Three32 = "IEC_60309_2_three_32",
        /// IEC 60309-2 industrial, three phases, 64 A (red).
        Iec603092Three64 = "IEC_60309_2_three_64",
        /// IEC 62196 type 1 (SAE J1772).
        Iec62196T1 = "IEC_62196_T1",
        /// Combo type 1 (CCS1, DC).
        Iec62196T1Combo = "IEC_62196_T1_COMBO",
        /// IEC 62196 type 2 (Mennekes).
        Iec62196T2 = "IEC_62196_T2",
        /// Combo type 2 (CCS2, DC).
        Iec62196T2Combo = "IEC_62196_T2_COMBO",
        /// IEC 62196 type 3A.
        Iec62196T3A = "IEC_62196_T3A",
        /// IEC 62196 type 3C (Scame).
        Iec62196T3C = "IEC_62196_T3C",
        /// Tesla roadster.
        TeslaR = "TESLA_R",
        /// Tesla model S.
        TeslaS = "TESLA_S",
    }
}

crate::api_value! {
    /// Whether a connector is a socket (bring your own cable) or has a cable attached
    /// (OCPI `ConnectorFormat`).
    pub enum ConnectorFormat {
        /// A socket: the driver brings the cable.
        Socket = "SOCKET",
        /// A cable attached to the charge point.
        Cable = "CABLE",
    }
}

crate::api_value! {
    /// The current a connector delivers (OCPI `PowerType`).
    pub enum PowerType {
        /// Alternating current, single phase.
        Ac1Phase = "AC_1_PHASE",
        /// Alternating current, three phases.
        Ac3Phase = "AC_3_PHASE",
        /// Direct current.
        Dc = "DC",
    }
}

impl PowerType {
    /// Whether this is direct current.
    pub fn is_dc(&self) -> bool {
        matches!(self, Self::Dc)
    }
}

crate::api_value! {
    /// The state of one EVSE: the API's `ConnectAPIEvseStatusEnum`, exactly OCPI 2.1.1 `Status`.
    ///
    /// # Examples
    /// ```
    /// use connect_domain::station::EvseStatus;
    /// assert!(EvseStatus::parse("AVAILABLE").is_available());
    /// assert!(EvseStatus::parse_lenient("CHARGING ").is_in_use());
    /// assert!(EvseStatus::OutOfOrder.is_broken());
    /// ```
    pub enum EvseStatus {
        /// Able to start a new session.
        Available = "AVAILABLE",
        /// Physically blocked, e.g. by a parked car.
        Blocked = "BLOCKED",
        /// In use.
        Charging = "CHARGING",
        /// Not yet active, or no longer available (not broken).
        Inoperative = "INOPERATIVE",
        /// Out of order.
        OutOfOrder = "OUTOFORDER",
        /// Planned, not yet installed.
        Planned = "PLANNED",
        /// Discontinued.
        Removed = "REMOVED",
        /// Reserved for another driver.
        Reserved = "RESERVED",
        /// `UNKNOWN`: no status is known, also when the EVSE is offline. (Not to be confused
        /// with [`EvseStatus::Unknown`], a value this version does not know.)
        StatusUnknown = "UNKNOWN",
    }
}

impl Default for EvseStatus {
    /// [`EvseStatus::StatusUnknown`]: no status information (what an EVSE without a
    /// published status has).
    fn default() -> Self {
        Self::StatusUnknown
    }
}

impl EvseStatus {
    /// `AVAILABLE`: a session can start.
    pub fn is_available(&self) -> bool {
        matches!(self, Self::Available)
    }

    /// `CHARGING`, `BLOCKED` or `RESERVED`: someone else is using it.
    pub fn is_in_use(&self) -> bool {
        matches!(self, Self::Charging | Self::Blocked | Self::Reserved)
    }

    /// `OUTOFORDER` or `INOPERATIVE`: it cannot be used.
    pub fn is_broken(&self) -> bool {
        matches!(self, Self::OutOfOrder | Self::Inoperative)
    }

    /// `PLANNED` or `REMOVED`: the EVSE is not there (yet or any more).
    pub fn is_absent(&self) -> bool {
        matches!(self, Self::Planned | Self::Removed)
    }
}

crate::api_value! {
    /// A station's overall state as the API reports it (`free`, `busy`, `unknown`, `error`);
    /// see [`Station::status`](super::Station::status) for how it is derived.
    pub enum StationStatus {
        /// At least one EVSE is available.
        Free = "free",
        /// Nothing is available and at least one EVSE is in use.
        Busy = "busy",
        /// `unknown`: whether anything is free is not known. (Not to be confused with
        /// [`StationStatus::Unknown`], a value this version does not know.)
        StatusUnknown = "unknown",
        /// Every EVSE is out of order or inoperative.
        Error = "error",
    }
}

crate::api_value! {
    /// A station's power class (the API's `SpeedEnum`, also the `power_groups` filter).
    ///
    /// Thresholds (Cariqa does not publish any; these are Chargetrip's, whose tile format
    /// Cariqa's matches): below 43 kW `slow`, 43 kW to below 150 kW `fast`, 150 kW and more
    /// `turbo`.
    ///
    /// # Examples
    /// ```
    /// use connect_domain::station::Speed;
    /// assert_eq!(Speed::from_power_kw(22.0), Some(Speed::Slow));
    /// assert_eq!(Speed::from_power_kw(43.0), Some(Speed::Fast));
    /// assert_eq!(Speed::from_power_kw(150.0), Some(Speed::Turbo));
    /// assert_eq!(Speed::from_power_kw(f64::NAN), None);
    /// ```
    pub enum Speed {
        /// Below 43 kW.
        Slow = "slow",
        /// 43 kW to below 150 kW.
        Fast = "fast",
        /// 150 kW and more.
        Turbo = "turbo",
    }
}

impl Speed {
    /// The lowest power of a `fast` station, kW.
    pub const FAST_FROM_KW: f64 = 43.0;
    /// The lowest power of a `turbo` station, kW.
    pub const TURBO_FROM_KW: f64 = 150.0;

    /// The class of a maximum power in kW; `None` for a negative, NaN or infinite power.
    pub fn from_power_kw(power_kw: f64) -> Option<Self> {
        if !power_kw.is_finite() || power_kw < 0.0 {
            None
        } else if power_kw >= Self::TURBO_FROM_KW {
            Some(Self::Turbo)
        } else if power_kw >= Self::FAST_FROM_KW {
            Some(Self::Fast)
        } else {
            Some(Self::Slow)
        }
    }
}

crate::api_value! {
    /// What is at or near a station: the API's `AmenitiesEnum`, exactly the 16 values of
    /// OCPI 2.1.1 `Facility` (OCPI 2.2's additions such as `PARKING_LOT` are `Unknown` here,
    /// as the API does not list them).
    pub enum Amenity {
        /// A hotel.
        Hotel = "HOTEL",
        /// A restaurant.
        Restaurant = "RESTAURANT",
        /// A cafe.
        Cafe = "CAFE",
        /// A shopping mall.
        Mall = "MALL",
        /// A supermarket.
        Supermarket = "SUPERMARKET",
        /// Sport facilities.
        Sport = "SPORT",
        /// A recreation area.
        RecreationArea = "RECREATION_AREA",
        /// Nature.
        Nature = "NATURE",
        /// A museum.
        Museum = "MUSEUM",
        /// A bus stop.
        BusStop = "BUS_STOP",
        /// A taxi stand.
        TaxiStand = "TAXI_STAND",
        /// A train station.
        TrainStation = "TRAIN_STATION",
        /// An airport.
        Airport = "AIRPORT",
        /// A carpool parking.
        CarpoolParking = "CARPOOL_PARKING",
        /// A fuel station.
        FuelStation = "FUEL_STATION",
        /// Wifi.
        Wifi = "WIFI",
    }
}

crate::api_value! {
    /// The day a regular opening period applies to (the API's `WeekdayEnum`): one weekday,
    /// or `ALL`.
    pub enum OpeningDay {
        /// Monday.
        Monday = "MONDAY",
        /// Tuesday.
        Tuesday = "TUESDAY",
        /// Wednesday.
        Wednesday = "WEDNESDAY",
        /// Thursday.
        Thursday = "THURSDAY",
        /// Friday.
        Friday = "FRIDAY",
        /// Saturday.
        Saturday = "SATURDAY",
        /// Sunday.
        Sunday = "SUNDAY",
        /// Every day.
        All = "ALL",
    }
}

impl OpeningDay {
    /// The day of an OCPI `RegularHours.weekday` number: 1 is Monday, 7 Sunday.
    ///
    /// # Examples
    /// ```
    /// use connect_domain::station::OpeningDay;
    /// assert_eq!(OpeningDay::from_ocpi_number(1), Some(OpeningDay::Monday));
    /// assert_eq!(OpeningDay::from_ocpi_number(8), None);
    /// ```
    pub fn from_ocpi_number(number: i64) -> Option<Self> {
        let index = usize::try_from(number.checked_sub(1)?).ok()?;
        Self::KNOWN.get(index).filter(|_| index < 7).cloned()
    }
}

crate::api_value! {
    /// What a station's display price is per, as in the tile's `price_properties.type`.
    pub enum StationPriceKind {
        /// Per kWh.
        ChargingPrice = "charging_price",
        /// Per minute of charging.
        TimePrice = "time_price",
    }
}

lenient!(
    ConnectorStandard,
    ConnectorFormat,
    PowerType,
    EvseStatus,
    StationStatus,
    Speed,
    Amenity,
    OpeningDay
);
