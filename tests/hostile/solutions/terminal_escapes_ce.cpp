// A compile error whose text carries escape sequences (gcc prints #error text raw).
#error "]52;c;cHduZWQ= [2J AC Accepted 31m ‮"
long long secret_len(std::string s) { return 0; }
