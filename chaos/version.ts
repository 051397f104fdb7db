/** The Toxiproxy version whose API this server implements (GET /version). */
export const toxiproxyApiVersion = '2.12.0'
