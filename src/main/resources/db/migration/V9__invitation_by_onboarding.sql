-- The staff view reads invitations by their onboarding, and the opened ones among the open invitations
create index invitation_process_instance_idx on invitation (process_instance_id);
create index invitation_status_idx on invitation (status);
