-- The jira-drift application database, next to Temporal's own databases on the same server.
CREATE USER jira_drift WITH PASSWORD 'jira_drift';
CREATE DATABASE jira_drift OWNER jira_drift;
