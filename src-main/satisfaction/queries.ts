/**
 * The NPS report's SQL (the bench times it beside these texts as its floor): counts over the covering index
 * `surveyResponse_answeredOn (answeredOn, score, providerId, serviceId)`, grouped three ways. Promoters score 9–10,
 * detractors 0–6 (the standard NPS, whatever the clinic's review and recovery thresholds).
 */
const COUNTS = 'count(*) AS responses, sum(score >= 9) AS promoters, sum(score <= 6) AS detractors';
const PERIOD = 'answeredOn >= @from AND answeredOn <= @to';

export const NPS_BY_MONTH_SQL = `SELECT substr(answeredOn, 1, 7) AS key, ${COUNTS} FROM surveyResponse WHERE ${PERIOD} GROUP BY key`;

export const NPS_BY_PROVIDER_SQL = `
  SELECT coalesce(n.providerId, 0) AS key, coalesce(s.displayName, 'No provider') AS label, n.responses, n.promoters, n.detractors
  FROM (SELECT providerId, ${COUNTS} FROM surveyResponse WHERE ${PERIOD} GROUP BY providerId) n
  LEFT JOIN staff s ON s.id = n.providerId`;

export const NPS_BY_SERVICE_SQL = `
  SELECT coalesce(n.serviceId, 0) AS key, coalesce(s.name, 'No service') AS label, n.responses, n.promoters, n.detractors
  FROM (SELECT serviceId, ${COUNTS} FROM surveyResponse WHERE ${PERIOD} GROUP BY serviceId) n
  LEFT JOIN service s ON s.id = n.serviceId`;
