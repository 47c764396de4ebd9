-- A person's companies, read with every page of persons: without this the
-- planner walks the account's every link (client_companies_by_company leads
-- with account_id alone), once per person of the page.
CREATE INDEX client_companies_by_person ON client_companies (account_id, person_id, position);
