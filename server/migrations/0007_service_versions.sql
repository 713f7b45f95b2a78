-- Services keep one code across regimes; the version is the year of the regulation.
-- Rows made before this carried the year in the code and version 1.
UPDATE applications SET service_code = 'FOR-LIC', service_version = 2018 WHERE service_code = 'FOR-LIC-2018';
UPDATE applications SET service_code = 'BAIL-ATT', service_version = 2018 WHERE service_code = 'BAIL-ATT-2018';
UPDATE applications SET service_code = 'BAIL-LIC', service_version = 2018 WHERE service_code = 'BAIL-LIC-2018';
UPDATE applications SET service_version = 2014 WHERE service_code LIKE 'CON-%' AND service_version = 1;
UPDATE licences SET service_code = 'FOR-LIC', service_version = 2018 WHERE service_code = 'FOR-LIC-2018';
UPDATE licences SET service_code = 'BAIL-ATT', service_version = 2018 WHERE service_code = 'BAIL-ATT-2018';
UPDATE licences SET service_code = 'BAIL-LIC', service_version = 2018 WHERE service_code = 'BAIL-LIC-2018';
UPDATE licences SET service_version = 2014 WHERE service_code LIKE 'CON-%' AND service_version = 1;
UPDATE drafts SET service_code = 'FOR-LIC', service_version = 2018 WHERE service_code = 'FOR-LIC-2018';
UPDATE drafts SET service_code = 'BAIL-ATT', service_version = 2018 WHERE service_code = 'BAIL-ATT-2018';
UPDATE drafts SET service_code = 'BAIL-LIC', service_version = 2018 WHERE service_code = 'BAIL-LIC-2018';
UPDATE drafts SET service_version = 2014 WHERE service_code LIKE 'CON-%' AND service_version = 1;
UPDATE attachments SET service_code = 'FOR-LIC' WHERE service_code = 'FOR-LIC-2018';
UPDATE attachments SET service_code = 'BAIL-ATT' WHERE service_code = 'BAIL-ATT-2018';
UPDATE attachments SET service_code = 'BAIL-LIC' WHERE service_code = 'BAIL-LIC-2018';
