//! The choice types of the forms. Ids only: labels are in `templates/choices.yaml`.

use crate::choice;

choice!(/// 情報連携 ①実施の有無
    LinkageStatus, "linkage_status", { Implement = "implement", NotImplement = "not_implement", Undecided = "undecided" });
choice!(/// 対象人数 (しきい値判断)
    PeopleBand, "people_band", { Under1k = "under_1k", From1kTo10k = "1k_to_10k", From10kTo100k = "10k_to_100k", From100kTo300k = "100k_to_300k", From300k = "300k_or_more" });
choice!(/// 取扱者数 (しきい値判断)
    HandlersBand, "handlers_band", { From500 = "500_or_more", Under500 = "under_500" });
choice!(/// 重大事故の発生
    Incident, "incident", { Occurred = "occurred", None = "none" });
choice!(/// しきい値判断結果
    ThresholdResult, "threshold_result", { Voluntary = "voluntary", Basic = "basic", BasicKey = "basic_key", BasicFull = "basic_full" });
choice!(/// 提出する特定個人情報保護評価書の種類
    SubmittedForms, "submitted_forms", { Basic = "basic", BasicKey = "basic_key", BasicFull = "basic_full" });
choice!(/// RISK3: リスクへの対策は十分か
    Risk3, "risk3", { Emphasized = "emphasized", Sufficient = "sufficient", Remaining = "remaining" });
choice!(/// DONE3
    Done3, "done3", { Emphasized = "emphasized", Sufficient = "sufficient", Insufficient = "insufficient" });
choice!(/// PEOPLE_FILE: 対象となる本人の数
    FilePeople, "file_people", { Under10k = "under_10k", From10kTo100k = "10k_to_100k", From100kTo1m = "100k_to_1m", From1mTo10m = "1m_to_10m", From10m = "10m_or_more" });
choice!(/// HANDLERS6: 取扱者数・使用者数
    Handlers6, "handlers6", { Under10 = "under_10", From10To50 = "10_to_50", From50To100 = "50_to_100", From100To500 = "100_to_500", From500To1000 = "500_to_1000", From1000 = "1000_or_more" });
choice!(/// 他のシステムとの接続
    SystemConnection, "system_connection", { Ips = "ips", InternalLinkage = "internal_linkage", JukiNet = "juki_net", ResidentRegister = "resident_register", Address = "address", Tax = "tax", Other = "other" });
choice!(/// ファイルの種類
    FileKind, "file_kind", { System = "system", OtherElectronic = "other_electronic" });
choice!(/// 記録される項目の数
    ItemCount, "item_count", { Under10 = "under_10", From10To50 = "10_to_50", From50To100 = "50_to_100", From100 = "100_or_more" });
choice!(/// 主な記録項目
RecordedItem, "recorded_item", {
    MyNumber = "my_number", MyNumberCode = "my_number_code", OtherId = "other_id",
    FourInfo = "four_info", Contact = "contact", OtherResident = "other_resident",
    NationalTax = "national_tax", LocalTax = "local_tax", HealthMedical = "health_medical",
    MedicalInsurance = "medical_insurance", ChildWelfare = "child_welfare", DisabilityWelfare = "disability_welfare",
    LivelihoodWelfare = "livelihood_welfare", CareElderly = "care_elderly", Employment = "employment",
    Pension = "pension", Education = "education", Disaster = "disaster", Other = "other",
});
choice!(/// 入手元
    AcquisitionSource, "acquisition_source", { SelfOrAgent = "self", Internal = "internal", National = "national", Local = "local", Private = "private", Other = "other" });
choice!(/// 入手方法・提供方法
TransferMethod, "transfer_method", {
    Paper = "paper", ElectronicMedia = "electronic_media", FlashMemory = "flash_memory", Email = "email",
    DedicatedLine = "dedicated_line", InternalLinkage = "internal_linkage", Ips = "ips", Other = "other",
});
choice!(/// 委託の有無
    DelegationStatus, "delegation_status", { Delegate = "delegate", None = "none" });
choice!(/// 取扱いを委託する特定個人情報ファイルの範囲
    DelegationScope, "delegation_scope", { Whole = "whole", Part = "part" });
choice!(/// 再委託の有無
    SubcontractStatus, "subcontract_status", { Subcontract = "subcontract", None = "none" });
choice!(/// 提供先・移転先の別
    RecipientKind, "recipient_kind", { Provide = "provide", Transfer = "transfer" });
choice!(/// 保管期間
Retention, "retention", {
    Under1y = "under_1y", Y1 = "1y", Y2 = "2y", Y3 = "3y", Y4 = "4y", Y5 = "5y",
    From6To10y = "6_to_10y", From10To20y = "10_to_20y", From20y = "20y_or_more", Undefined = "undefined",
});
choice!(/// 行っている / 行っていない
    Performed, "performed", { Performed = "performed", NotPerformed = "not_performed" });
choice!(/// 記録を残している / 記録を残していない
    Recorded, "recorded", { Recorded = "recorded", NotRecorded = "not_recorded" });
choice!(/// 制限している / 制限していない
    Restricted, "restricted", { Restricted = "restricted", NotRestricted = "not_restricted" });
choice!(/// 定めている / 定めていない
    Defined, "defined", { Defined = "defined", NotDefined = "not_defined" });
choice!(/// 再委託先による特定個人情報ファイルの適切な取扱いの確保
    SubcontractorCare, "subcontractor_care", { Emphasized = "emphasized", Sufficient = "sufficient", Insufficient = "insufficient", NoSubcontract = "no_subcontract" });
choice!(/// NISC政府機関統一基準群
    Nisc, "nisc", { Emphasized = "emphasized", Sufficient = "sufficient", Insufficient = "insufficient", NotGovernment = "not_government" });
choice!(/// 安全管理規程
    Regulation, "regulation", { Emphasized = "emphasized", Sufficient = "sufficient", Insufficient = "insufficient" });
choice!(/// 安全管理体制・規程の職員への周知
    Awareness, "awareness", { Emphasized = "emphasized", Sufficient = "sufficient", Insufficient = "insufficient" });
choice!(/// 死者の個人番号
    DeadNumbers, "dead_numbers", { Stored = "stored", NotStored = "not_stored" });
choice!(/// 手数料等
    Fee, "fee", { Paid = "paid", Free = "free" });
choice!(/// 提出時期
    Timing, "timing", { Prior = "prior", Posterior = "posterior" });
choice!(/// The three forms
    FormKind, "form_kind", { Basic = "basic", Key = "key", Full = "full" });

choice!(/// 別紙1 情報の流れ: who a counterpart is
    CounterpartKind, "counterpart_kind", { External = "external", Person = "person", Internal = "internal" });
choice!(/// 別紙1 情報の流れ: what a step does, seen from the body
    FlowDirection, "flow_direction", { Inquire = "inquire", Answer = "answer", Provide = "provide", Input = "input", Receive = "receive", Accept = "accept", Inquired = "inquired", Answered = "answered" });
choice!(/// 別紙1 情報の流れ: by what channel
    FlowChannel, "flow_channel", { Ips = "ips", Internal = "internal", Paper = "paper", Media = "media", DedicatedLine = "dedicated_line", Other = "other" });

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::choice::registry;

    /// (list name, ids declared in code) for every choice type.
    fn declared() -> Vec<(&'static str, &'static [&'static str])> {
        macro_rules! all { ($($t:ty),*) => { vec![$((<$t>::SET, <$t>::IDS)),*] } }
        all!(
            LinkageStatus,
            PeopleBand,
            HandlersBand,
            Incident,
            ThresholdResult,
            SubmittedForms,
            Risk3,
            Done3,
            FilePeople,
            Handlers6,
            SystemConnection,
            FileKind,
            ItemCount,
            RecordedItem,
            CounterpartKind,
            FlowDirection,
            FlowChannel,
            AcquisitionSource,
            TransferMethod,
            DelegationStatus,
            DelegationScope,
            SubcontractStatus,
            RecipientKind,
            Retention,
            Performed,
            Recorded,
            Restricted,
            Defined,
            SubcontractorCare,
            Nisc,
            Regulation,
            Awareness,
            DeadNumbers,
            Fee,
            Timing,
            FormKind
        )
    }

    #[test]
    fn code_and_templates_declare_the_same_choices() {
        let declared = declared();
        for (set, ids) in &declared {
            let data = registry()
                .get(*set)
                .unwrap_or_else(|| panic!("templates/choices.yaml lacks `{set}`"));
            let data_ids: Vec<&str> = data.iter().map(|(i, _)| i.as_str()).collect();
            assert_eq!(
                &data_ids, ids,
                "`{set}`: ids differ between code and templates/choices.yaml"
            );
            assert!(
                data.iter().all(|(_, l)| !l.is_empty()),
                "`{set}` has an empty label"
            );
        }
        let declared_sets: Vec<&str> = declared.iter().map(|(s, _)| *s).collect();
        for set in registry().keys() {
            assert!(
                declared_sets.contains(&set.as_str()),
                "templates/choices.yaml has `{set}`, which no type declares"
            );
        }
    }

    #[test]
    fn labels_and_ids_both_resolve_full_width_too() {
        assert_eq!(Risk3::from_written("十分である"), Some(Risk3::Sufficient));
        assert_eq!(Risk3::from_written("sufficient"), Some(Risk3::Sufficient));
        assert_eq!(
            PeopleBand::from_written("１，０００人以上１万人未満"),
            Some(PeopleBand::From1kTo10k)
        );
        assert_eq!(
            RecordedItem::from_written("4情報（氏名、性別、生年月日、住所）"),
            Some(RecordedItem::FourInfo)
        );
        assert_eq!(Risk3::from_written("十分"), None);
        assert_eq!(Timing::Prior.label(), "事前");
    }
}
