//! The tables of who may be given what through 情報提供ネットワークシステム, by item number:
//! 番号法 別表第二 before the 2023 amendment, the 主務省令 第2条 table after it. Data in
//! `templates/provision_tables.yaml`; 別紙2 提供先一覧 is generated from it.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde::Deserialize;

/// Which table an assessment's item numbers refer to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Regime {
    /// 番号法 別表第二 (cited as `別表第二 1,2,3の項`).
    Beppyo2,
    /// The 主務省令 under 番号法第19条第8号, after the 2023 amendment.
    Ordinance,
}

/// One item of a table: a row of 別紙2.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// 情報照会者.
    pub querier: String,
    /// 事務.
    pub affair: String,
    /// 情報.
    pub information: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Table {
    /// The table's name as 別紙2 heads its item column (`別表第二`).
    pub title: String,
    #[serde(default)]
    pub items: BTreeMap<u32, Item>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Tables {
    beppyo2: Table,
    ordinance: Table,
}

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| super::data::data_file("provision_tables.yaml"))
}

/// The table of a regime.
pub fn table(regime: Regime) -> &'static Table {
    match regime {
        Regime::Beppyo2 => &tables().beppyo2,
        Regime::Ordinance => &tables().ordinance,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn beppyo2_holds_the_26_items_of_seed_003() {
        let t = table(Regime::Beppyo2);
        let cited = [
            1, 2, 3, 4, 5, 9, 12, 15, 17, 22, 26, 27, 30, 33, 39, 42, 58, 62, 78, 80, 87, 93, 97,
            106, 109, 120,
        ];
        for n in cited {
            assert!(t.items.contains_key(&n), "item {n}");
        }
        assert_eq!(t.items[&42].querier, "市町村長又は国民健康保険組合");
        assert!(table(Regime::Ordinance).items.is_empty());
    }
}
