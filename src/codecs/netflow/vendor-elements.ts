/**
 * Enterprise-specific elements whose types are known, so their values decode as numbers
 * and strings rather than hex. Native names stay `ipfix.e<PEN>.<id>` (element-registry.ts);
 * the vendor's name here documents the element and is shown by `enterpriseElementLabel`.
 * Only elements whose id, name and type were confirmed against a real exporter's templates
 * (the NetScaler samples in the conformance corpus) are listed.
 */

/** Citrix NetScaler / ADC AppFlow (private enterprise number 5951). */
export const NETSCALER_PEN = 5951;

export const NETSCALER_ELEMENTS = `
128 netscalerRoundTripTime u32
129 netscalerTransactionId u32
130 netscalerHttpReqUrl str
131 netscalerHttpReqCookie str
132 netscalerFlowFlags u64
133 netscalerConnectionId u32
140 netscalerHttpReqReferer str
141 netscalerHttpReqMethod str
142 netscalerHttpReqHost str
143 netscalerHttpReqUserAgent str
144 netscalerHttpRspStatus u16
145 netscalerHttpRspLen u64
146 netscalerServerTTFB u64
147 netscalerServerTTLB u64
151 netscalerAppNameAppId u32
153 netscalerHttpReqRcvFB u64
156 netscalerHttpReqForwFB u64
157 netscalerHttpResRcvFB u64
158 netscalerHttpResForwFB u64
159 netscalerHttpReqRcvLB u64
160 netscalerHttpReqForwLB u64
161 netscalerMainPageId u32
162 netscalerMainPageCoreId u32
169 netscalerHttpResRcvLB u64
170 netscalerHttpResForwLB u64
171 netscalerAppUnitNameAppId u32
182 netscalerClientRTT u32
183 netscalerHttpContentType str
185 netscalerHttpReqAuthorization str
186 netscalerHttpReqVia str
187 netscalerHttpResLocation str
188 netscalerHttpResSetCookie str
189 netscalerHttpResSetCookie2 str
190 netscalerHttpReqXForwardedFor str
192 netscalerConnectionChainID oct
193 netscalerConnectionChainHopCount u8
205 netscalerAaaUsername str
267 netscalerHttpDomainName str
268 netscalerCacheRedirClientConnectionCoreID u32
269 netscalerCacheRedirClientConnectionTransactionID u32
`;
