/** The dashboard's icon: two states and a transition, in the page's colours. */
export const DASHBOARD_ICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">
<rect width="32" height="32" rx="7" fill="#1d2130"/>
<rect x="5" y="5" width="14" height="8" rx="3" fill="#fff1b8"/>
<rect x="13" y="19" width="14" height="8" rx="3" fill="#ffffff"/>
<path d="M12 13v6h2" fill="none" stroke="#ffffff" stroke-width="2"/>
</svg>
`;
