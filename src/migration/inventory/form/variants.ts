/**
 * What a department's IT officer writes instead of the form's own values, and the value
 * it is read as. A form made by hand (or filled by pasting from last year's census)
 * says 全镇, 视频专网 or 二级; the reader takes these with a warning that names the
 * canonical value, so the officer learns the form's spelling and the migration team sees
 * every reading that was not literal. A spelling whose meaning is not clear (内网: the
 * classified intranet or an office LAN? 外网: the internet or the extranet?) is not
 * listed: it stays an error with a suggestion, never a guess.
 *
 * Each table maps a spelling to the canonical label the form writes (a label of the
 * column's vocabulary, 是/否, or an MLPS level). Spellings are compared as the headers
 * are: NFKC, without spaces, case-insensitive.
 */

export type Variants = Readonly<Record<string, string>>;

/** 使用范围: a town's or a district's whole area is the region; one office is a sub-unit. */
export const USAGE_SCOPE_VARIANTS: Variants = {
  全镇: "全区",
  全乡: "全区",
  全街道: "全区",
  全镇范围: "全区",
  全区范围: "全区",
  全区各部门: "全区",
  全区各镇街: "全区",
  辖区: "全区",
  全辖区: "全区",
  全市范围: "全市",
  全市各部门: "全市",
  全县范围: "全县",
  本单位: "本部门",
  本局: "本部门",
  本委: "本部门",
  本镇: "本部门",
  本街道: "本部门",
  本机关: "本部门",
  局机关: "本部门",
  部门内部: "本部门",
  单位内部: "本部门",
  本部门内部: "本部门",
  科室: "内设机构",
  本科室: "内设机构",
  内设科室: "内设机构",
  股室: "内设机构",
  处室: "内设机构",
  科室内部: "内设机构",
  公众: "社会公众",
  社会: "社会公众",
  群众: "社会公众",
  面向公众: "社会公众",
  面向社会: "社会公众",
  企业和群众: "社会公众",
  群众和企业: "社会公众",
};

/**
 * 使用频度 and 数据共享频度. The scale counts "at least": 每季度 is less than monthly,
 * so yearly; 实时 and 工作日 are daily.
 */
export const FREQUENCY_VARIANTS: Variants = {
  每天: "每日",
  天天: "每日",
  日常: "每日",
  工作日: "每日",
  每个工作日: "每日",
  实时: "每日",
  每日使用: "每日",
  每星期: "每周",
  每个星期: "每周",
  每礼拜: "每周",
  每周使用: "每周",
  每个月: "每月",
  按月: "每月",
  每月使用: "每月",
  每季度: "每年",
  按季度: "每年",
  每半年: "每年",
  每年度: "每年",
  按年: "每年",
  年度: "每年",
  每年使用: "每年",
  停止使用: "停用",
  已停用: "停用",
  不再使用: "停用",
  未使用: "停用",
  闲置: "停用",
  废弃: "停用",
};

/** 承载网络: a department's own network, however named, is a business private network. */
export const HOSTING_NETWORK_VARIANTS: Variants = {
  公网: "互联网",
  因特网: "互联网",
  互联网专线: "互联网",
  外网政务网: "政务外网",
  区政务外网: "政务外网",
  市政务外网: "政务外网",
  省政务外网: "政务外网",
  政务外网公共服务域: "政务外网",
  政务外网行政服务域: "政务外网",
  专网: "业务专网",
  部门专网: "业务专网",
  行业专网: "业务专网",
  视频专网: "业务专网",
  公安专网: "业务专网",
  公安网: "业务专网",
  公安信息网: "业务专网",
  税务专网: "业务专网",
  财政专网: "业务专网",
  人社专网: "业务专网",
  社保专网: "业务专网",
  医保专网: "业务专网",
  卫生专网: "业务专网",
  教育专网: "业务专网",
  教育城域网: "业务专网",
  国土专网: "业务专网",
  专线: "业务专网",
  业务专线: "业务专网",
  部门专线: "业务专网",
  涉密内网: "政务内网",
  涉密网: "政务内网",
  党政内网: "政务内网",
};

/** 运维状态. */
export const OM_STATUS_VARIANTS: Variants = {
  运行正常: "正常",
  正常运维: "正常",
  运维中: "正常",
  在运维: "正常",
  维护中: "正常",
  持续运维: "正常",
  有运维: "正常",
  停止运维: "停止",
  已停止: "停止",
  停运: "停止",
  停维: "停止",
  无运维: "停止",
  未运维: "停止",
  无人维护: "停止",
};

/** 是/否 columns: ticks and crosses, 有/无. */
export const BOOLEAN_VARIANTS: Variants = {
  "√": "是",
  "✓": "是",
  "✔": "是",
  有: "是",
  是的: "是",
  "×": "否",
  "✗": "否",
  "✘": "否",
  无: "否",
  不是: "否",
  没有: "否",
};

/** 是否涉密: also what the column asks, answered in words. */
export const CLASSIFIED_VARIANTS: Variants = {
  ...BOOLEAN_VARIANTS,
  涉密: "是",
  非涉密: "否",
  不涉密: "否",
};

/** 面向公众: likewise. */
export const PUBLIC_FACING_VARIANTS: Variants = {
  ...BOOLEAN_VARIANTS,
  面向公众: "是",
  不面向公众: "否",
  内部使用: "否",
};

const NUMERALS = ["一", "二", "三", "四"] as const;

/** 等保级别: 二级, 第二级, 等保二级, 二级等保, 2级, 等保2级 … for levels 1 to 4. */
export const MLPS_VARIANTS: Variants = Object.fromEntries(
  NUMERALS.flatMap((numeral, index) => {
    const level = String(index + 1);
    return [numeral, level].flatMap((n) =>
      [`${n}级`, `第${n}级`, `等保${n}级`, `等保第${n}级`, `${n}级等保`, `等级保护${n}级`, `等级保护第${n}级`].map(
        (written) => [written, level] as const,
      ),
    );
  }),
);

/** How a form cell's text is compared with a variant: NFKC, without spaces, case-insensitive. */
export function variantKey(text: string): string {
  return text.normalize("NFKC").replace(/\s+/g, "").toLowerCase();
}

const INDEXES = new WeakMap<Variants, Map<string, string>>();

/** The canonical label a spelling is read as, or undefined when it is not a known variant. */
export function canonicalOf(variants: Variants, text: string): string | undefined {
  let index = INDEXES.get(variants);
  if (!index) {
    index = new Map(Object.entries(variants).map(([written, canonical]) => [variantKey(written), canonical]));
    INDEXES.set(variants, index);
  }
  return index.get(variantKey(text));
}
